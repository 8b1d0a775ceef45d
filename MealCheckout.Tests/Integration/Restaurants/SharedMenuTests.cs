using MealCheckout.Core.Menu;
using MealCheckout.Core.Restaurants;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using MealCheckout.Web.Checkout;
using Microsoft.Data.Sqlite;

namespace MealCheckout.Tests.Integration.Restaurants;

/// <summary>
/// Every circuit shares one copy of the menu (docs/decisions/0026): a change in the database reaches the circuits
/// opened once that copy is older than <see cref="RestaurantSettingsStore.FreshFor"/>, and a circuit already open keeps
/// the prices it shows.
/// </summary>
public sealed class SharedMenuTests
{
    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Circuits_opened_together_keep_one_copy_of_the_menu()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var menus = new SharedMenu(database.Get<IMenuCatalog>(), clock);

        var first = await new RestaurantContext(menus).GetMenuAsync();
        clock.Advance(RestaurantSettingsStore.FreshFor - TimeSpan.FromSeconds(1));
        var second = await new RestaurantContext(menus).GetMenuAsync();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task A_price_and_the_delivery_fee_changed_in_the_database_reach_a_circuit_opened_after_the_freshness_window()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var menus = new SharedMenu(database.Get<IMenuCatalog>(), clock);
        var open = new RestaurantContext(menus);
        Assert.Equal((1850, 290), PricesOf(await open.GetMenuAsync()));

        await ExecuteAsync(database.Path,
            "UPDATE menu_items SET price_cents = 1950 WHERE name_en = 'Steak and chips'; UPDATE restaurants SET delivery_fee_cents = 390");
        clock.Advance(RestaurantSettingsStore.FreshFor);

        Assert.Equal((1950, 390), PricesOf(await new RestaurantContext(menus).GetMenuAsync()));
        Assert.Equal((1850, 290), PricesOf(await open.GetMenuAsync()));
    }

    private static (long Steak, long DeliveryFee) PricesOf(RestaurantMenu menu) =>
        (menu.Categories.SelectMany(c => c.Items).Single(i => i.NameEn == "Steak and chips").Price.Cents, menu.DeliveryFee.Cents);

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
