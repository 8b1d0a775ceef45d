using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>A new SQLite file in a temporary folder, deleted with the folder after the run: the default.</summary>
public sealed class SqliteShopDatabase : ShopDatabase
{
    private readonly string folder = Directory.CreateTempSubdirectory("mealcheckout-bench-").FullName;

    private string DatabasePath => Path.Combine(folder, "bench.db");

    public override string Description => "SQLite (a new file, WAL, synchronous FULL)";

    public override IReadOnlyDictionary<string, string> AppConfiguration => new Dictionary<string, string>
    {
        ["ConnectionStrings:MealCheckout"] = $"Data Source={DatabasePath}",
    };

    public override DbConnection OpenRawConnection(RawWriteSettings settings)
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        Run(connection, "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;" + (settings.NoSyncAtCommit ? "PRAGMA synchronous = NORMAL;" : "")); // as the app's connections
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
