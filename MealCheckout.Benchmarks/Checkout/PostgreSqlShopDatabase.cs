using System.Data.Common;
using Npgsql;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// A new database on the PostgreSQL server the caller names, created for the run and dropped after it. The
/// connection string's user must be allowed to create databases; its own database (<c>postgres</c> when it names
/// none) is only used to create and drop the run's. The app migrates the new database itself, as at start-up.
/// </summary>
public sealed class PostgreSqlShopDatabase : ShopDatabase
{
    private readonly string serverConnectionString;
    private readonly string name;
    private readonly string serverSettings;

    private PostgreSqlShopDatabase(string serverConnectionString, string name, string serverSettings)
    {
        this.serverConnectionString = serverConnectionString;
        this.name = name;
        this.serverSettings = serverSettings;
    }

    public override string Description => $"PostgreSQL, a new database {name} ({serverSettings})";

    private string AppConnectionString => new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ToString();

    public static async Task<PostgreSqlShopDatabase> CreateAsync(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        server.Database ??= "postgres";
        var name = "checkout_cost_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server.ToString());
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        // Printed with the figures: what a commit costs depends on them.
        await using var show = new NpgsqlCommand(
            "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay', 'shared_buffers')",
            connection);
        return new PostgreSqlShopDatabase(server.ToString(), name, (string)(await show.ExecuteScalarAsync())!);
    }

    public override IReadOnlyDictionary<string, string> AppConfiguration => new Dictionary<string, string>
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:MealCheckout"] = AppConnectionString,
    };

    public override DbConnection OpenRawConnection(RawWriteSettings settings)
    {
        // Statements run a few times are prepared on the connection, as the SQLite floor's are once per connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AppConnectionString) { MaxAutoPrepare = 32 }.ToString());
        connection.Open();
        if (settings.NoSyncAtCommit)
        {
            Run(connection, "SET synchronous_commit = off");
        }
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
