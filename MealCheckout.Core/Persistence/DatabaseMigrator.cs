using System.Data.Common;
using System.Globalization;
using MealCheckout.Core.Persistence.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Brings the database to the latest schema at start-up: each pending migration runs in its own
/// transaction together with the bump of <c>schema_version</c>, so a crash leaves a known version.
/// On PostgreSQL several app instances may start at once: a session lock lets one migrate while the
/// others wait, then find nothing left to do.
/// </summary>
public sealed class DatabaseMigrator(IDbContextFactory<MealCheckoutDbContext> contexts, ILogger<DatabaseMigrator> logger)
{
    public static readonly IReadOnlyList<SchemaMigration> All =
    [
        new V001_InitialSchema(), new V002_OrderFulfilment(), new V003_WebhookEvents(), new V004_EdenredSignIns(),
        new V005_StaffAccounts(), new V006_OrderHistoryIndexes(), new V007_SettlementIndex(), new V008_EdenredBrowserBinding(),
        new V009_OrderCheckReason(), new V011_Receipts(), new V012_RefundsAsIssuersAllow(), new V013_RestaurantSettings(),
        new V014_FirstGenerationCards(),
        new V015_ScaleOut(),
        new V016_LegMerchantId(),
        new V017_KeptOrderCounts(),
        new V018_SharedAttemptLimits(),
    ];

    /// <summary>Any number the instances agree on: it names the migration lock among PostgreSQL's advisory locks.</summary>
    private const long MigrationLockKey = 0x4D43_4D49_4752; // "MCMIGR"

    public static int LatestVersion => All[^1].Version;

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) => MigrateToAsync(LatestVersion, cancellationToken);

    /// <summary>Applies migrations up to <paramref name="targetVersion"/>; returns the version reached.</summary>
    public async Task<int> MigrateToAsync(int targetVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var postgreSql = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite)
        {
            EnsureFolderExists(sqlite.DataSource);
        }
        await connection.OpenAsync(cancellationToken);

        if (postgreSql)
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL, name text NOT NULL, applied_at bigint NOT NULL)", cancellationToken);
        }
        else
        {
            // WAL lets diners' reads continue while a payment writes; it is a property of the file.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL)", cancellationToken);
        }

        var current = await CurrentVersionAsync(connection, cancellationToken);
        if (current > LatestVersion)
        {
            // An older app must not write into a schema it does not know (a rollback after an upgrade).
            throw new InvalidOperationException($"The database is at schema version {current}, newer than this app's {LatestVersion}.");
        }
        foreach (var migration in All.Where(m => m.Version > current && m.Version <= targetVersion))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in postgreSql ? migration.PostgreSqlUp : migration.Up)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }
            await ExecuteAsync(connection, transaction,
                $"INSERT INTO schema_version (version, name, applied_at) VALUES ({migration.Version}, '{migration.Name}', {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()})",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Database schema migrated to version {Version} ({Name})", migration.Version, migration.Name);
            current = migration.Version;
        }
        // Closing the connection ends the session and with it the PostgreSQL lock.
        return current;
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void EnsureFolderExists(string dataSource)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
