using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using Microsoft.Data.Sqlite;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>On SQLite, the order count the database keeps (V017) is the number of orders of each restaurant, whoever writes them.</summary>
public sealed class KeptOrderCountTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_kept_count_is_filled_from_older_orders_then_follows_inserts_deletes_and_moves()
    {
        await using var database = new SqliteDatabase();
        await database.Get<DatabaseMigrator>().MigrateToAsync(16);
        await new SampleOrderSeeder(seed: 3, until: Until, years: 1).SeedAsync(database.Path, 120);

        await database.Get<DatabaseMigrator>().MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False;Foreign Keys=True");
        await connection.OpenAsync();
        Assert.Equal(await OrdersPerRestaurantAsync(connection), await KeptPerRestaurantAsync(connection));
        Assert.Equal(120, (await KeptPerRestaurantAsync(connection)).Sum(r => r.Orders));

        await new SampleOrderSeeder(seed: 5, until: Until, years: 1).SeedAsync(database.Path, 80);
        await ExecuteAsync(connection, "DELETE FROM orders WHERE id IN (SELECT id FROM orders ORDER BY number LIMIT 30)");
        await ExecuteAsync(connection, $"UPDATE orders SET restaurant_id = '{Guid.NewGuid().ToString().ToUpperInvariant()}' WHERE id IN (SELECT id FROM orders ORDER BY number DESC LIMIT 10)");

        var kept = await KeptPerRestaurantAsync(connection);
        Assert.Equal(await OrdersPerRestaurantAsync(connection), kept);
        Assert.Equal([10, 160], kept.Select(r => r.Orders).Order());
    }

    internal static Task<List<(string Restaurant, long Orders)>> OrdersPerRestaurantAsync(System.Data.Common.DbConnection connection) =>
        PerRestaurantAsync(connection, "SELECT restaurant_id, COUNT(*) FROM orders GROUP BY restaurant_id");

    internal static Task<List<(string Restaurant, long Orders)>> KeptPerRestaurantAsync(System.Data.Common.DbConnection connection) =>
        PerRestaurantAsync(connection, "SELECT restaurant_id, SUM(order_count) FROM order_counts GROUP BY restaurant_id HAVING SUM(order_count) <> 0");

    private static async Task<List<(string Restaurant, long Orders)>> PerRestaurantAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var counts = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts.Add((reader.GetValue(0).ToString()!, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return counts.OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
