using MealCheckout.Core.Persistence;
using MealCheckout.Core.Persistence.Migrations;
using Npgsql;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>
/// On PostgreSQL, the order count the database keeps (V017) is the number of orders of each restaurant after inserts,
/// deletes, moves and TRUNCATE; and two checkouts inserting orders of one restaurant at once do not wait for each other.
/// </summary>
public sealed class PostgreSqlKeptOrderCountTests : IAsyncLifetime
{
    private static readonly Guid Restaurant = Guid.NewGuid();

    // A database for each test: one migrates from the previous version, the other counts exactly two orders.
    private readonly PostgreSqlDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task The_kept_count_is_filled_from_older_orders_then_follows_inserts_deletes_moves_and_truncate()
    {
        await database.Get<DatabaseMigrator>().MigrateToAsync(16);
        await InsertOrdersAsync(Restaurant, 300);

        await database.Get<DatabaseMigrator>().MigrateAsync();

        await using var connection = await database.OpenAsync();
        Assert.Equal(await KeptOrderCountTests.OrdersPerRestaurantAsync(connection), await KeptOrderCountTests.KeptPerRestaurantAsync(connection));
        // The count is spread over slots, not one row every insert would lock.
        Assert.True(await database.ScalarAsync<long>($"SELECT COUNT(*) FROM order_counts WHERE restaurant_id = '{Restaurant}'") > 1);

        var other = Guid.NewGuid();
        await InsertOrdersAsync(other, 200);
        await InsertOrdersAsync(Restaurant, 50);
        await database.ExecuteAsync("DELETE FROM orders WHERE id IN (SELECT id FROM orders ORDER BY number LIMIT 40)");
        await database.ExecuteAsync($"UPDATE orders SET restaurant_id = '{other}' WHERE id IN (SELECT id FROM orders WHERE restaurant_id = '{Restaurant}' ORDER BY number DESC LIMIT 25)");

        var kept = await KeptOrderCountTests.KeptPerRestaurantAsync(connection);
        Assert.Equal(await KeptOrderCountTests.OrdersPerRestaurantAsync(connection), kept);
        Assert.Equal(510, kept.Sum(r => r.Orders));

        await database.ExecuteAsync("TRUNCATE orders CASCADE");

        Assert.Equal(0, await database.ScalarAsync<long>("SELECT COUNT(*) FROM order_counts"));
    }

    [Fact]
    public async Task Two_orders_of_one_restaurant_inserted_at_once_do_not_wait_for_each_other()
    {
        await database.Get<DatabaseMigrator>().MigrateAsync();
        var restaurant = Guid.NewGuid();
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await InsertOrderAsync(first, restaurant, await IdInSlotAsync(1));

        // While the first order's transaction is open, the second's insert must not queue behind its lock on the count.
        await using var secondTransaction = await second.BeginTransactionAsync();
        await using (var noWaiting = new NpgsqlCommand("SET LOCAL lock_timeout = '5s'", second))
        {
            await noWaiting.ExecuteNonQueryAsync();
        }
        await InsertOrderAsync(second, restaurant, await IdInSlotAsync(2));
        await secondTransaction.CommitAsync();
        await firstTransaction.CommitAsync();

        Assert.Equal(2, await database.ScalarAsync<decimal>($"SELECT SUM(order_count) FROM order_counts WHERE restaurant_id = '{restaurant}'"));
    }

    private Task<Guid> IdInSlotAsync(int slot) => database.ScalarAsync<Guid>(
        $"SELECT id FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, 1000)) AS candidates WHERE hashtext(id::text) & {V017_KeptOrderCounts.PostgreSqlSlots - 1} = {slot} LIMIT 1");

    private Task InsertOrdersAsync(Guid restaurant, int count) => database.ExecuteAsync($"""
        INSERT INTO orders (id, number, restaurant_id, created_at, culture, status, total_cents, eligible_subtotal_cents, version, fulfilment)
        SELECT gen_random_uuid(), 'MC-' || replace(gen_random_uuid()::text, '-', ''), '{restaurant}', 1796126400000 + i, 'fr-FR', 'Paid', 1500, 0, 1, 'Pickup'
        FROM generate_series(1, {count}) AS i
        """);

    private static async Task InsertOrderAsync(NpgsqlConnection connection, Guid restaurant, Guid id)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO orders (id, number, restaurant_id, created_at, culture, status, total_cents, eligible_subtotal_cents, version, fulfilment)
            VALUES ('{id}', 'MC-{id:N}', '{restaurant}', 1796126400000, 'fr-FR', 'Paid', 1500, 0, 1, 'Pickup')
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}
