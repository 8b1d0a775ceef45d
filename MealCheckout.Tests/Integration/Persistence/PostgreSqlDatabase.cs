using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>
/// A database of its own on the test run's PostgreSQL server, with the app's persistence services
/// configured for it as the app configures them. Use it as a class fixture: one database per test class.
/// </summary>
public sealed class PostgreSqlDatabase : IAsyncLifetime
{
    private ServiceProvider? services;

    public PostgreSqlServer Server { get; private set; } = default!;

    public string Name { get; private set; } = "";

    public string ConnectionString => Server.ConnectionString(Name);

    /// <summary>The settings that put an app (or a second instance of it) on this database.</summary>
    public IDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        [PersistenceServiceCollectionExtensions.ProviderKey] = nameof(DatabaseProvider.PostgreSql),
        [$"ConnectionStrings:{PersistenceServiceCollectionExtensions.ConnectionStringName}"] = ConnectionString,
    };

    public async Task InitializeAsync()
    {
        Server = await PostgreSqlServer.RunningAsync();
        Name = await Server.CreateDatabaseAsync();
        services = new ServiceCollection()
            .AddLogging()
            .AddMealCheckoutPersistence(new ConfigurationBuilder().AddInMemoryCollection(AppSettings).Build(), Path.GetTempPath())
            .BuildServiceProvider();
    }

    public T Get<T>() where T : notnull => services!.GetRequiredService<T>();

    public async Task<PostgreSqlDatabase> MigratedAndSeededAsync()
    {
        await Get<DatabaseMigrator>().MigrateAsync();
        await Get<DemoDataSeeder>().SeedAsync();
        return this;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }
        await Server.DropDatabaseAsync(Name);
    }
}
