using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MealCheckout.Core.Limits;

/// <summary>
/// Attempt counts in PostgreSQL's <c>limited_attempts</c> (V018), one row per counted attempt with the moment it
/// leaves its window, so a card or a user name tried on any instance counts once against one limit
/// (docs/decisions/0027). Expired rows are deleted about once a minute by each instance.
/// </summary>
public sealed class PostgreSqlAttemptCounts(IDbContextFactory<MealCheckoutDbContext> contexts, TimeProvider time) : IAttemptCounts
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    // Read committed: the count, its own statement after the locks, sees every attempt committed before they
    // were granted. Locks in one order (by hash), so two attempts sharing keys cannot wait for each other.
    private const string LockKeys = """
        SELECT pg_advisory_xact_lock(hash) FROM (SELECT DISTINCT hashtextextended(attempt_key, 0) AS hash FROM unnest($1::text[]) AS attempt_key ORDER BY hash) AS locks
        """;

    private const string CountIfAllHaveRoom = """
        WITH wanted AS (
            SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::boolean[]) AS w(attempt_key, attempt_limit, expires_at, counts)
        ), full_limits AS (
            SELECT 1 FROM wanted
            WHERE (SELECT count(*) FROM limited_attempts a WHERE a.attempt_key = wanted.attempt_key AND a.expires_at > $5) >= wanted.attempt_limit
        ), counted AS (
            INSERT INTO limited_attempts (attempt_key, expires_at)
            SELECT attempt_key, expires_at FROM wanted WHERE counts AND NOT EXISTS (SELECT 1 FROM full_limits)
        )
        SELECT NOT EXISTS (SELECT 1 FROM full_limits)
        """;

    private const string Recent = "SELECT count(*)::integer FROM limited_attempts WHERE attempt_key = $1 AND expires_at > $2";

    private readonly Lock gate = new();
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    public async ValueTask<bool> TryCountAsync(IReadOnlyList<AttemptLimit> limits, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var distinct = limits.DistinctBy(l => l.Key).ToList();
        var keys = distinct.Select(l => l.Key).ToArray();
        await SweepIfDueAsync(now, cancellationToken);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction)
            {
                BatchCommands =
                {
                    Command(LockKeys, (object)keys), // one parameter, the array
                    Command(CountIfAllHaveRoom, keys, distinct.Select(l => l.Limit).ToArray(),
                        distinct.Select(l => Expiry(now, l.Window)).ToArray(), distinct.Select(l => l.Counts).ToArray(), now.ToUnixTimeMilliseconds()),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.GetBoolean(0);
        }, cancellationToken);
    }

    public ValueTask<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default) =>
        CountedAsync(now =>
        [
            Command("INSERT INTO limited_attempts (attempt_key, expires_at) VALUES ($1, $2)", key, Expiry(now, window)),
            Command(Recent, key, now.ToUnixTimeMilliseconds()),
        ], cancellationToken);

    public ValueTask<int> CountInRunAsync(string key, TimeSpan quiet, CancellationToken cancellationToken = default) =>
        CountedAsync(now =>
        [
            Command("UPDATE limited_attempts SET expires_at = $2 WHERE attempt_key = $1 AND expires_at > $3", key, Expiry(now, quiet), now.ToUnixTimeMilliseconds()),
            Command("INSERT INTO limited_attempts (attempt_key, expires_at) VALUES ($1, $2)", key, Expiry(now, quiet)),
            Command(Recent, key, now.ToUnixTimeMilliseconds()),
        ], cancellationToken);

    public async ValueTask<int> RecentAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(Recent, connection, transaction) { Parameters = { new() { Value = key }, new() { Value = now.ToUnixTimeMilliseconds() } } };
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    public async ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default) =>
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM limited_attempts WHERE attempt_key = $1", connection, transaction) { Parameters = { new() { Value = key } } };
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Sweeps if due, then runs the statements that count an attempt in one batch and transaction; the last one answers how many.</summary>
    private async ValueTask<int> CountedAsync(Func<DateTimeOffset, NpgsqlBatchCommand[]> statements, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await SweepIfDueAsync(now, cancellationToken);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var statement in statements(now))
            {
                batch.BatchCommands.Add(statement);
            }
            return (int)(await batch.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    /// <summary>Deletes expired rows if a minute has passed since this instance last did; before a count, so a failed sweep counts nothing.</summary>
    private async Task SweepIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (now < nextSweep)
            {
                return;
            }
            nextSweep = now + SweepEvery;
        }
        await InTransactionAsync(async (connection, transaction) =>
        {
            // Rows another instance's sweep is deleting are skipped, never waited for.
            await using var command = new NpgsqlCommand(
                "DELETE FROM limited_attempts WHERE ctid IN (SELECT ctid FROM limited_attempts WHERE expires_at <= $1 FOR UPDATE SKIP LOCKED)", connection, transaction) { Parameters = { new() { Value = now.ToUnixTimeMilliseconds() } } };
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private static long Expiry(DateTimeOffset now, TimeSpan window) => (now + window).ToUnixTimeMilliseconds();
}
