using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task Empty_database_is_migrated_to_the_latest_version_in_WAL_mode()
    {
        await using var database = new SqliteDatabase();

        var version = await database.Get<DatabaseMigrator>().MigrateAsync();

        Assert.Equal(DatabaseMigrator.LatestVersion, version);
        await using var connection = await OpenAsync(database.Path);
        Assert.Equal("wal", await ScalarAsync<string>(connection, "PRAGMA journal_mode"));
        Assert.Equal(DatabaseMigrator.LatestVersion, await DatabaseMigrator.CurrentVersionAsync(connection));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var database = new SqliteDatabase();
        var migrator = database.Get<DatabaseMigrator>();

        await migrator.MigrateAsync();
        await migrator.MigrateAsync();

        await using var connection = await OpenAsync(database.Path);
        Assert.Equal(DatabaseMigrator.All.Count, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_database_newer_than_the_app_is_refused()
    {
        await using var database = new SqliteDatabase();
        await database.Get<DatabaseMigrator>().MigrateAsync();
        await using (var connection = await OpenAsync(database.Path))
        {
            await ExecuteAsync(connection, $"INSERT INTO schema_version (version, name, applied_at) VALUES ({DatabaseMigrator.LatestVersion + 1}, 'future', 0)");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Get<DatabaseMigrator>().MigrateAsync());
    }

    [Fact]
    public async Task A_version_1_database_keeps_its_orders_when_the_app_upgrades_it()
    {
        await using var database = new SqliteDatabase();
        await database.Get<DatabaseMigrator>().MigrateToAsync(1);
        var orderId = Guid.NewGuid();
        var legId = Guid.NewGuid();
        await using (var connection = await OpenAsync(database.Path))
        {
            // Rows exactly as version 1 of the app wrote them, before fulfilment existed.
            await ExecuteAsync(connection, $"""
                INSERT INTO orders (id, number, restaurant_id, created_at, culture, status, total_cents, eligible_subtotal_cents, version)
                VALUES ('{orderId.ToString().ToUpperInvariant()}', 'MC-250301-ABCDEF', '{Guid.NewGuid().ToString().ToUpperInvariant()}', 1740830400000, 'fr-FR', 'Paid', 2400, 1850, 3);
                INSERT INTO order_lines (id, order_id, position, name, kind, voucher_eligible, unit_price_cents, quantity)
                VALUES ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{orderId.ToString().ToUpperInvariant()}', 0, 'Steak frites', 'Food', 1, 1850, 1),
                       ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{orderId.ToString().ToUpperInvariant()}', 1, 'Vin', 'Alcohol', 0, 550, 1);
                INSERT INTO payment_legs (id, order_id, kind, issuer, voucher_account, card_brand, card_last4, amount_cents, authorised_amount_cents,
                    captured_amount_cents, refunded_amount_cents, state, created_at, provider_reference)
                VALUES ('{legId.ToString().ToUpperInvariant()}', '{orderId.ToString().ToUpperInvariant()}', 'Voucher', 'Edenred', 'lerouxpablo@yopmail.com', NULL, NULL,
                    1850, 1850, 1850, 0, 'Captured', 1740830400000, 'MTU5-642338');
                """);
        }

        var reached = await database.Get<DatabaseMigrator>().MigrateAsync();

        Assert.Equal(DatabaseMigrator.LatestVersion, reached);
        var order = await database.Get<IOrderStore>().FindAsync(orderId);
        Assert.NotNull(order);
        Assert.Equal("MC-250301-ABCDEF", order.Number);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(Fulfilment.Pickup, order.Fulfilment);
        Assert.Null(order.CheckReason); // orders from before V009 were never left to check
        Assert.Equal(2400, order.Total.Cents);
        Assert.Equal(2, order.Lines.Count);
        var leg = Assert.Single(order.Legs);
        Assert.Equal(VoucherIssuer.Edenred, leg.Issuer);
        Assert.Equal(LegState.Captured, leg.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1740830400000), leg.CreatedAt);
    }

    [Fact]
    public async Task Orders_sold_before_receipts_get_their_kinds_VAT_rates_and_the_demo_restaurant_its_address_and_SIRET()
    {
        await using var database = new SqliteDatabase();
        await database.Get<DatabaseMigrator>().MigrateToAsync(7);
        var orderId = Guid.NewGuid();
        var order = orderId.ToString().ToUpperInvariant();
        await using (var connection = await OpenAsync(database.Path))
        {
            // The demo restaurant and a paid order exactly as version 7 of the app wrote them, before receipts.
            await ExecuteAsync(connection, $"""
                INSERT INTO restaurants (id, slug, name, city, delivery_fee_cents)
                VALUES ('{DemoRestaurant.Restaurant.Id.ToString().ToUpperInvariant()}', '{DemoRestaurant.Slug}', 'Le Petit Comptoir', 'Lyon', 290);
                INSERT INTO orders (id, number, restaurant_id, created_at, culture, status, total_cents, eligible_subtotal_cents, version, fulfilment)
                VALUES ('{order}', 'MC-261101-ABCDEF', '{DemoRestaurant.Restaurant.Id.ToString().ToUpperInvariant()}', 1793534400000, 'fr-FR', 'Paid', 2600, 1850, 3, 'Pickup');
                INSERT INTO order_lines (id, order_id, position, name, kind, voucher_eligible, unit_price_cents, quantity)
                VALUES ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{order}', 0, 'Steak frites', 'Food', 1, 1850, 1),
                       ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{order}', 1, 'Vin', 'Alcohol', 0, 550, 1),
                       ('{Guid.NewGuid().ToString().ToUpperInvariant()}', '{order}', 2, 'Pourboire', 'Tip', 0, 200, 1);
                """);
        }

        await database.Get<DatabaseMigrator>().MigrateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync();

        var upgraded = await database.Get<IOrderStore>().FindAsync(orderId);
        Assert.NotNull(upgraded);
        Assert.Equal([1000, 2000, 0], upgraded.Lines.OrderBy(l => l.Position).Select(l => l.VatRate.BasisPoints));
        Assert.Null(upgraded.ReceiptKeyHash);
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var restaurant = await db.Restaurants.SingleAsync();
        Assert.Equal(("84215730700013", "12 rue Mercière", "69002"), (restaurant.Siret, restaurant.StreetAddress, restaurant.PostalCode));
    }

    [Fact]
    public async Task A_menu_item_taxed_apart_from_its_kind_keeps_its_own_VAT_rate()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await using (var connection = await OpenAsync(database.Path))
        {
            await ExecuteAsync(connection, "UPDATE menu_items SET vat_rate_basis_points = 550 WHERE name_en = 'Craft lemonade'");
        }

        var catalog = database.Get<IMenuCatalog>();
        var items = (await catalog.GetMenuAsync(DemoRestaurant.Slug))!.Categories.SelectMany(c => c.Items).ToList();

        Assert.Equal(550, items.Single(i => i.NameEn == "Craft lemonade").VatRate.BasisPoints);
        Assert.Equal(1000, items.Single(i => i.NameEn == "Sparkling water 50 cl").VatRate.BasisPoints);
        Assert.Equal(2000, items.Single(i => i.NameEn == "Draught beer 25 cl").VatRate.BasisPoints);
    }

    [Fact]
    public async Task The_EF_model_matches_the_migrated_schema_column_for_column()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        await using var connection = await OpenAsync(database.Path);

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var modelColumns = entity.GetProperties().Select(p => p.GetColumnName()).Order().ToList();
            var databaseColumns = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                databaseColumns.Add(reader.GetString(0));
            }
            Assert.Equal(databaseColumns.Order().ToList(), modelColumns);
        }
    }

    [Fact]
    public async Task Demo_restaurant_is_seeded_once_with_eligible_and_non_eligible_items()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await database.Get<DemoDataSeeder>().SeedAsync();

        var catalog = database.Get<IMenuCatalog>();
        var menu = await catalog.GetMenuAsync(await catalog.GetDefaultRestaurantSlugAsync());

        Assert.NotNull(menu);
        Assert.Equal("Le Petit Comptoir", menu.Name);
        var items = menu.Categories.SelectMany(c => c.Items).ToList();
        Assert.Equal(DemoRestaurant.Items.Count, items.Count);
        Assert.Contains(items, i => i.Kind == ItemKind.SoftDrink && VoucherEligibility.IsEligibleByDefault(i.Kind));
        Assert.Contains(items, i => i.Kind == ItemKind.Alcohol && !VoucherEligibility.IsEligibleByDefault(i.Kind));
        Assert.Equal(["Entrées", "Plats", "Desserts", "Boissons"], menu.Categories.Select(c => c.NameFr));
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
