using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>A real SQLite file in a temp folder with the app's persistence services around it.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly TestDirectory directory = new();
    private readonly ServiceProvider services;

    public SqliteDatabase()
    {
        Path = directory.File("orders.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:MealCheckout"] = $"Data Source={Path}" })
            .Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddMealCheckoutPersistence(configuration, directory.Path)
            .BuildServiceProvider();
    }

    public string Path { get; }

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task<SqliteDatabase> MigratedAndSeededAsync()
    {
        await Get<DatabaseMigrator>().MigrateAsync();
        await Get<DemoDataSeeder>().SeedAsync();
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        directory.Dispose();
    }
}
