using MealCheckout.Core.Limits;
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
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// The app's database through a context factory (one short-lived context per operation, as Blazor
    /// Server needs): SQLite by default, PostgreSQL when "Database:Provider" says so. A relative SQLite
    /// path is taken from <paramref name="contentRoot"/>. The contexts are pooled: the context holds no
    /// state of its own beyond what EF Core resets between uses, and a checkout's contexts are not built anew.
    /// </summary>
    public static IServiceCollection AddMealCheckoutPersistence(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPooledDbContextFactory<MealCheckoutDbContext>(options => options.UseMealCheckoutDatabase(configuration, contentRoot));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<StartupLock>();
        // One SQLite instance counts attempts in memory; PostgreSQL's instances count them together.
        if (Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            services.AddSingleton<IAttemptCounts, PostgreSqlAttemptCounts>();
        }
        else
        {
            services.AddSingleton<IAttemptCounts, InMemoryAttemptCounts>();
        }
        services.AddSingleton<IMenuCatalog, MenuCatalog>();
        services.AddSingleton<SharedMenu>();
        services.AddSingleton<IOrderStore, OrderStore>();
        services.AddSingleton<ReceiptKeys>();
        services.AddSingleton<ReceiptQuery>();
        services.AddSingleton<Restaurants.RestaurantSettingsStore>();
        return services;
    }

    /// <summary>The configured engine; SQLite unless "Database:Provider" names PostgreSql.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var configured = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }
        return Enum.TryParse<DatabaseProvider>(configured, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderKey} is \"{configured}\": it must be Sqlite or PostgreSql.");
    }

    /// <summary>
    /// The configured database for any context that lives in it (the orders, the staff accounts, the key ring),
    /// with the same connection string "ConnectionStrings:MealCheckout".
    /// </summary>
    public static DbContextOptionsBuilder UseMealCheckoutDatabase(this DbContextOptionsBuilder options, IConfiguration configuration, string contentRoot) =>
        Provider(configuration) == DatabaseProvider.PostgreSql
            ? options.UseMealCheckoutPostgreSql(PostgreSqlConnectionString(configuration))
            : options.UseMealCheckoutSqlite(ConnectionString(configuration, contentRoot));

    /// <summary>The app's SQLite database, resolved against the content root.</summary>
    public static string ConnectionString(IConfiguration configuration, string contentRoot) =>
        ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName) ?? DefaultConnectionString, contentRoot);

    /// <summary>SQLite with the app's connection settings (busy timeout, foreign keys), each SaveChanges sent as one command.</summary>
    public static DbContextOptionsBuilder UseMealCheckoutSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSettings())
            .ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, SqliteBatchedUpdates>();

    /// <summary>
    /// PostgreSQL through Npgsql. It already sends the statements of one SaveChanges as one batch and
    /// enforces foreign keys, which SQLite needs <see cref="SqliteBatchedUpdates"/> and pragmas for.
    /// </summary>
    public static DbContextOptionsBuilder UseMealCheckoutPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    private static string PostgreSqlConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString) || connectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is PostgreSql: set ConnectionStrings:{ConnectionStringName} to a PostgreSQL connection string (Host=…;Database=…;Username=…).");
        }
        return connectionString;
    }

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
