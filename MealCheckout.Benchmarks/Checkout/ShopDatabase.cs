using System.Data.Common;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// The database a <c>checkout-cost</c> run pays into, made fresh for the run and removed after it: the app's
/// configuration that selects it, and connections to it for the raw SQL floor.
/// </summary>
public abstract class ShopDatabase : IAsyncDisposable
{
    /// <summary>What the run prints beside its figures.</summary>
    public abstract string Description { get; }

    /// <summary>The app's configuration entries (<c>Database:Provider</c>, <c>ConnectionStrings:MealCheckout</c>).</summary>
    public abstract IReadOnlyDictionary<string, string> AppConfiguration { get; }

    /// <summary>A new, open connection for the raw SQL floor, with the session settings the app's connections have.</summary>
    public abstract DbConnection OpenRawConnection(RawWriteSettings settings);

    public abstract ValueTask DisposeAsync();

    protected static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
