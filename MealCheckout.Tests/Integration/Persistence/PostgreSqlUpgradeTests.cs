using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>A PostgreSQL database written by the previous version of the app is upgraded in place and its orders read back.</summary>
public sealed class PostgreSqlUpgradeTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    private const int PreviousVersion = 13;

    [Fact]
    public async Task A_database_of_the_previous_version_keeps_its_orders_when_the_app_upgrades_it()
    {
        Assert.Equal(PreviousVersion, await database.Get<DatabaseMigrator>().MigrateToAsync(PreviousVersion));
        var restaurantId = DemoRestaurant.Restaurant.Id;
        var orderId = Guid.NewGuid();
        var voucherLeg = Guid.NewGuid();
        var cardLeg = Guid.NewGuid();
        // Rows exactly as version 13 of the app wrote them: a split order, its refund and a compensation.
        await database.ExecuteAsync($"""
            INSERT INTO restaurants (id, slug, name, city, delivery_fee_cents, street_address, postal_code, siret)
            VALUES ('{restaurantId}', '{DemoRestaurant.Slug}', 'Le Petit Comptoir', 'Lyon', 290, '12 rue Mercière', '69002', '84215730700013');
            INSERT INTO orders (id, number, restaurant_id, created_at, culture, status, total_cents, eligible_subtotal_cents, version, fulfilment, check_reason, receipt_key_hash)
            VALUES ('{orderId}', 'MC-261201-ABCDEF', '{restaurantId}', 1796126400000, 'fr-FR', 'PartiallyRefunded', 2400, 1850, 5, 'Delivery', NULL, 'aGFzaA');
            INSERT INTO order_lines (id, order_id, position, name, kind, voucher_eligible, unit_price_cents, quantity, vat_rate_basis_points)
            VALUES ('{Guid.NewGuid()}', '{orderId}', 0, 'Steak frites', 'Food', true, 1850, 1, 1000),
                   ('{Guid.NewGuid()}', '{orderId}', 1, 'Vin', 'Alcohol', false, 550, 1, 2000);
            INSERT INTO payment_legs (id, order_id, kind, issuer, voucher_account, card_brand, card_last4, amount_cents, authorised_amount_cents,
                captured_amount_cents, refunded_amount_cents, state, created_at, provider_reference)
            VALUES ('{voucherLeg}', '{orderId}', 'Voucher', 'Bimpli', '•••• 0010 #ab12', NULL, NULL, 1850, 1850, 1850, 0, 'Captured', 1796126400000, 'PSP-V'),
                   ('{cardLeg}', '{orderId}', 'Card', NULL, NULL, 'visa', '1111', 550, 550, 550, 200, 'Captured', 1796126400000, 'PSP-C');
            INSERT INTO leg_transitions (id, payment_leg_id, from_state, to_state, at, reason, amount_cents)
            VALUES ('{Guid.NewGuid()}', '{cardLeg}', 'Captured', 'Refunded', 1796130000000, 'wrong wine', 200);
            INSERT INTO provider_calls (id, payment_leg_id, operation, idempotency_key, created_at, completed_at, outcome, amount_cents)
            VALUES ('{Guid.NewGuid()}', '{cardLeg}', 'refund', 'refund-{cardLeg}-1', 1796130000000, 1796130000500, 'ok', 200);
            INSERT INTO compensations (id, order_id, payment_leg_id, amount_cents, way, reason, recorded_by, recorded_at)
            VALUES ('{Guid.NewGuid()}', '{orderId}', '{voucherLeg}', 300, 'OffPlatform', 'cold fries', 'manager@example.com', 1796130000000);
            """);

        var reached = await database.Get<DatabaseMigrator>().MigrateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync();

        Assert.Equal(DatabaseMigrator.LatestVersion, reached);
        var order = await database.Get<IOrderStore>().FindAsync(orderId);
        Assert.NotNull(order);
        Assert.Equal(("MC-261201-ABCDEF", OrderStatus.PartiallyRefunded, Fulfilment.Delivery, 2400L), (order.Number, order.Status, order.Fulfilment, order.Total.Cents));
        Assert.Equal([1000, 2000], order.Lines.OrderBy(l => l.Position).Select(l => l.VatRate.BasisPoints));
        Assert.True(order.Lines.Single(l => l.Position == 0).VoucherEligible);
        var voucher = order.Legs.Single(l => l.Id == voucherLeg);
        Assert.Equal((VoucherIssuer.Bimpli, LegState.Captured, 1850L), (voucher.Issuer, voucher.State, voucher.CapturedAmount.Cents));
        var card = order.Legs.Single(l => l.Id == cardLeg);
        Assert.Equal(200, Assert.Single(card.Transitions).Amount!.Value.Cents);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796130000500), Assert.Single(card.Calls).CompletedAt);
        Assert.Equal(300, Assert.Single(order.Compensations).Amount.Cents);
        Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM restaurants"));
    }
}
