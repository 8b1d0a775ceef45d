using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Receipts;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using Microsoft.Data.Sqlite;

namespace MealCheckout.Tests.Integration.Receipts;

/// <summary>A paid order's receipt on a real SQLite file: opened by its key, by nothing else.</summary>
public sealed class ReceiptKeysTests : IAsyncLifetime
{
    private readonly SqliteDatabase database = new();

    public async Task InitializeAsync() => await database.MigratedAndSeededAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task The_key_given_at_payment_opens_the_receipt_with_the_restaurants_identity()
    {
        var order = await AddAsync(PaidOrders.SteakWineAndTip());

        var key = await database.Get<ReceiptKeys>().IssueAsync(order.Id);
        var receipt = await database.Get<ReceiptQuery>().FindAsync(key!);

        Assert.NotNull(receipt);
        Assert.Equal(order.Number, key!.OrderNumber);
        Assert.Equal("Le Petit Comptoir", receipt.Merchant.Name);
        Assert.Equal("84215730700013", receipt.Merchant.Siret);
        Assert.Equal("12 rue Mercière", receipt.Merchant.StreetAddress);
        Assert.Equal([0, 1000, 2000], receipt.Vat.Select(v => v.Rate.BasisPoints));
        Assert.Equal(1850, receipt.EligibleSubtotal.Cents);
        Assert.Equal(["0010", "1111"], receipt.Tenders.Select(t => t.LastFour));
    }

    [Fact]
    public async Task Only_a_hash_of_the_key_is_stored()
    {
        var order = await AddAsync(PaidOrders.SteakWineAndTip());

        var key = await database.Get<ReceiptKeys>().IssueAsync(order.Id);

        await using var connection = new SqliteConnection($"Data Source={database.Path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT receipt_key_hash FROM orders";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.Equal(64, stored.Length);
        Assert.DoesNotContain(key!.Secret, stored, StringComparison.Ordinal);
        Assert.True(key.Secret.Length >= 43, "256 random bits in base64url");
    }

    [Fact]
    public async Task The_order_number_with_a_wrong_or_another_orders_key_opens_nothing()
    {
        var mine = await AddAsync(PaidOrders.SteakWineAndTip("MC-261201-7KQ4XZ"));
        var theirs = await AddAsync(PaidOrders.SteakWineAndTip("MC-261201-9HJ3WP"));
        var keys = database.Get<ReceiptKeys>();
        var myKey = (await keys.IssueAsync(mine.Id))!;
        var theirKey = (await keys.IssueAsync(theirs.Id))!;
        var query = database.Get<ReceiptQuery>();

        Assert.Null(await query.FindAsync(new ReceiptKey(theirs.Number, myKey.Secret)));
        Assert.Null(await query.FindAsync(new ReceiptKey(theirs.Number, "guess")));
        Assert.NotNull(await query.FindAsync(theirKey));
    }

    [Fact]
    public async Task A_new_key_retires_the_previous_one()
    {
        var order = await AddAsync(PaidOrders.SteakWineAndTip());
        var keys = database.Get<ReceiptKeys>();
        var first = (await keys.IssueAsync(order.Id))!;

        var second = (await keys.IssueAsync(order.Id))!;

        Assert.Null(await database.Get<ReceiptQuery>().FindAsync(first));
        Assert.NotNull(await database.Get<ReceiptQuery>().FindAsync(second));
    }

    [Fact]
    public async Task An_order_not_paid_gets_no_key()
    {
        var open = Order.Create(Core.Menu.DemoRestaurant.Restaurant.Id, "MC-261201-CCCCCC", "fr-FR", Fulfilment.Pickup,
            [new NewOrderLine("Salade", Core.ItemKind.Food, Core.Money.FromCents(1200), 1)], PaidOrders.Lunchtime);
        await database.Get<IOrderStore>().AddAsync(open);

        Assert.Null(await database.Get<ReceiptKeys>().IssueAsync(open.Id));
        Assert.Null(await database.Get<ReceiptKeys>().IssueAsync(Guid.NewGuid()));
    }

    private async Task<Order> AddAsync(Order order)
    {
        await database.Get<IOrderStore>().AddAsync(order);
        return order;
    }
}
