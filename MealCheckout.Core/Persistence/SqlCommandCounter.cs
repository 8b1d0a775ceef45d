using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Counts the SQL commands the app's contexts send and the connections they open, so the benchmarks
/// and tests can bound what one checkout costs the database. Add it with
/// <c>services.ConfigureDbContext&lt;MealCheckoutDbContext&gt;(o =&gt; o.AddInterceptors(counter))</c>.
/// A batch of statements sent as one command counts once; each connection opened also runs its pragmas. A transaction
/// is counted apart: its begin and its end are two more statements the database runs.
/// </summary>
public sealed class SqlCommandCounter : IDbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor
{
    private long commands;
    private long connectionsOpened;
    private long transactions;

    public long Commands => Interlocked.Read(ref commands);

    public long ConnectionsOpened => Interlocked.Read(ref connectionsOpened);

    public long Transactions => Interlocked.Read(ref transactions);

    /// <summary>What the database ran: the commands, and each transaction's begin and end.</summary>
    public long Statements => Commands + 2 * Transactions;

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) => Counted(result);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Counted(result));

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) => Counted(result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Counted(result));

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) => Counted(result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Counted(result));

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref connectionsOpened);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref connectionsOpened);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Interlocked.Increment(ref transactions);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref transactions);
        return ValueTask.FromResult(result);
    }

    private T Counted<T>(T result)
    {
        Interlocked.Increment(ref commands);
        return result;
    }
}
