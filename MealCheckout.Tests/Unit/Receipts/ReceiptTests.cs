using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Receipts;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Unit.Receipts;

public sealed class ReceiptTests
{
    private static readonly Receipt SteakWineAndTip = Receipt.Of(PaidOrders.SteakWineAndTip(), DemoRestaurant.Restaurant);

    [Fact]
    public void Vat_is_given_per_rate_with_the_tip_outside_VAT()
    {
        Assert.Equal([(0, 200L, 0L), (1000, 1850L, 168L), (2000, 550L, 92L)],
            SteakWineAndTip.Vat.Select(v => (v.Rate.BasisPoints, v.Gross.Cents, v.Tax.Cents)));
        Assert.Equal(260, SteakWineAndTip.TotalTax.Cents);
        Assert.Equal(2600 - 260, SteakWineAndTip.TotalNet.Cents);
    }

    [Fact]
    public void Only_food_and_soft_drinks_are_marked_and_counted_as_voucher_eligible()
    {
        Assert.Equal([true, false, false], SteakWineAndTip.Lines.Select(l => l.VoucherEligible));
        Assert.Equal(1850, SteakWineAndTip.EligibleSubtotal.Cents);
        Assert.Equal(2600, SteakWineAndTip.Total.Cents);
    }

    [Fact]
    public void A_rate_set_on_the_line_wins_over_its_kinds_default()
    {
        var order = Order.Create(Guid.NewGuid(), "MC-261201-AAAAAA", "fr-FR", Fulfilment.Pickup,
            [new NewOrderLine("Jus de raisin pétillant", ItemKind.SoftDrink, Money.FromCents(600), 2, new VatRate(550))], PaidOrders.Lunchtime);

        var vat = Assert.Single(Receipt.Of(order, DemoRestaurant.Restaurant).Vat);

        Assert.Equal(550, vat.Rate.BasisPoints);
        Assert.Equal(63, vat.Tax.Cents); // 12,00 € × 5.5 / 105.5 = 62.56
    }

    [Fact]
    public void Every_tender_shows_its_brand_and_last_four_digits_never_the_stored_fingerprint()
    {
        Assert.Equal([(LegKind.Voucher, (VoucherIssuer?)VoucherIssuer.Bimpli, "0010", 1850L), (LegKind.Card, null, "1111", 750L)],
            SteakWineAndTip.Tenders.Select(t => (t.Kind, t.Issuer, t.LastFour, t.Amount.Cents)));
    }

    [Fact]
    public void An_Edenred_account_has_no_digits_to_show_and_a_refused_leg_is_not_a_tender()
    {
        var order = Order.Create(Guid.NewGuid(), "MC-261201-BBBBBB", "fr-FR", Fulfilment.Pickup,
            [new NewOrderLine("Salade", ItemKind.Food, Money.FromCents(1200), 1)], PaidOrders.Lunchtime);
        var refused = order.AddCardLeg("card", "0002", Money.FromCents(1200), PaidOrders.Lunchtime);
        refused.MoveTo(LegState.Authorizing, PaidOrders.Lunchtime);
        refused.Refused("Refused", PaidOrders.Lunchtime);
        var edenred = order.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1200), PaidOrders.Lunchtime);
        edenred.MoveTo(LegState.Authorizing, PaidOrders.Lunchtime);
        edenred.Captured(Money.FromCents(1200), PaidOrders.Lunchtime);

        var tender = Assert.Single(Receipt.Of(order, DemoRestaurant.Restaurant).Tenders);

        Assert.Equal(VoucherIssuer.Edenred, tender.Issuer);
        Assert.Null(tender.LastFour);
    }

    [Fact]
    public void The_time_is_when_the_payment_was_captured_in_Paris()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 59, 0, TimeSpan.FromHours(1)), SteakWineAndTip.ParisTime);
        Assert.Equal(TimeSpan.FromHours(1), SteakWineAndTip.ParisTime.Offset);
    }

    [Fact]
    public void The_demo_restaurant_has_a_SIRET_whose_SIREN_and_whole_number_pass_their_Luhn_keys()
    {
        var merchant = SteakWineAndTip.Merchant;

        Assert.Equal(14, merchant.Siret.Length);
        Assert.True(Luhn.IsValid(merchant.Siret.AsSpan(0, 9)));
        Assert.True(Luhn.IsValid(merchant.Siret));
        Assert.Equal("842\u00a0157\u00a0307\u00a000013", merchant.SiretGrouped);
        Assert.Equal("69002", merchant.PostalCode);
    }
}
