using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Receipts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Core.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string ConnectionStringName = "MealCheckout";
    public const string DefaultConnectionString = "Data Source=App_Data/mealcheckout.db";

    /// <summary>
    /// SQLite through a context factory (one short-lived context per operation, as Blazor Server
    /// needs). A relative database path is taken from <paramref name="contentRoot"/>.
    /// </summary>
    public static IServiceCollection AddMealCheckoutPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = ConnectionString(configuration, contentRoot);
        services.AddDbContextFactory<MealCheckoutDbContext>(options => options.UseMealCheckoutSqlite(connectionString));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<IMenuCatalog, MenuCatalog>();
        services.AddSingleton<IOrderStore, OrderStore>();
        services.AddSingleton<ReceiptKeys>();
        services.AddSingleton<ReceiptQuery>();
        services.AddSingleton<Restaurants.RestaurantSettingsStore>();
        return services;
    }

    /// <summary>The app's SQLite database, for other contexts that live in the same file (staff accounts).</summary>
    public static string ConnectionString(IConfiguration configuration, string contentRoot) =>
        ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString, contentRoot);

    /// <summary>SQLite with the app's connection settings (busy timeout, foreign keys), each SaveChanges sent as one command.</summary>
    public static DbContextOptionsBuilder UseMealCheckoutSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSettings())
            .ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, SqliteBatchedUpdates>();

    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        return builder.ToString();
    }
}
