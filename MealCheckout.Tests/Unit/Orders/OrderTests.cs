using MealCheckout.Core;
using MealCheckout.Core.Orders;

namespace MealCheckout.Tests.Unit.Orders;

public sealed class OrderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 11, 30, 0, TimeSpan.Zero);

    internal static Order SteakAndWine() => Order.Create(Guid.NewGuid(), OrderNumber.New(new DateOnly(2026, 11, 23)), "fr-FR", Fulfilment.Pickup,
        [new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new NewOrderLine("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)], At);

    [Fact]
    public void Totals_are_computed_from_the_lines()
    {
        var order = SteakAndWine();

        Assert.Equal(2400, order.Total.Cents);
        Assert.Equal(1850, order.EligibleSubtotal.Cents);
        Assert.Equal(OrderStatus.Open, order.Status);
    }

    [Fact]
    public void An_order_left_to_check_shows_so_until_its_legs_settle()
    {
        var order = SteakAndWine();
        var voucher = order.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1850), At);
        voucher.MoveTo(LegState.Authorizing, At);

        order.FlagForCheck(CheckReason.OutcomeUnknown);
        order.RefreshStatus();
        Assert.Equal(OrderStatus.ToCheck, order.Status);

        voucher.Authorised(Money.FromCents(1850), At);
        voucher.Cancelled(At, "released");
        order.RefreshStatus();
        Assert.Equal(OrderStatus.Failed, order.Status); // every leg known released
    }

    [Fact]
    public void Order_is_paid_only_when_every_leg_is_captured()
    {
        var order = SteakAndWine();
        var voucher = order.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 1234", Money.FromCents(1850), At);
        var card = order.AddCardLeg("visa", "1111", Money.FromCents(550), At);
        Capture(voucher);
        order.RefreshStatus();
        Assert.Equal(OrderStatus.Open, order.Status);

        Capture(card);
        order.RefreshStatus();

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(2400, order.PaidAmount.Cents);
    }

    [Fact]
    public void Order_whose_every_leg_failed_or_was_released_is_failed()
    {
        var order = SteakAndWine();
        var voucher = order.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1850), At);
        var card = order.AddCardLeg("visa", "0002", Money.FromCents(550), At);
        voucher.MoveTo(LegState.Authorizing, At);
        voucher.Authorised(Money.FromCents(1850), At);
        card.MoveTo(LegState.Authorizing, At);
        card.Refused("Refused", At);
        voucher.Cancelled(At, "card refused");

        order.RefreshStatus();

        Assert.Equal(OrderStatus.Failed, order.Status);
    }

    [Fact]
    public void Refunding_one_of_two_captured_legs_is_a_partial_refund()
    {
        var order = SteakAndWine();
        var voucher = order.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 1234", Money.FromCents(1850), At);
        var card = order.AddCardLeg("visa", "1111", Money.FromCents(550), At);
        Capture(voucher);
        Capture(card);

        card.Refunded(Money.FromCents(550), At);
        order.RefreshStatus();
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);

        voucher.Refunded(Money.FromCents(1850), At);
        order.RefreshStatus();
        Assert.Equal(OrderStatus.Refunded, order.Status);
    }

    [Fact]
    public void Legs_cannot_exceed_the_total_and_a_voucher_cannot_pay_alcohol()
    {
        var order = SteakAndWine();

        Assert.Throws<ArgumentOutOfRangeException>(() => order.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 1234", Money.FromCents(1851), At));
        order.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 1234", Money.FromCents(1850), At);
        Assert.Throws<InvalidOperationException>(() => order.AddCardLeg("visa", "1111", Money.FromCents(551), At));
    }

    [Fact]
    public void A_refused_card_leg_frees_its_amount_for_another_card()
    {
        var order = SteakAndWine();
        var refused = order.AddCardLeg("visa", "0002", Money.FromCents(2400), At);
        refused.MoveTo(LegState.Authorizing, At);
        refused.Refused("Refused", At);

        var retry = order.AddCardLeg("mc", "4444", Money.FromCents(2400), At);

        Assert.Equal(2, order.Legs.Count);
        Assert.Equal(LegState.Planned, retry.State);
    }

    [Fact]
    public void An_order_needs_lines() =>
        Assert.Throws<ArgumentException>(() => Order.Create(Guid.NewGuid(), "MC-1", "fr-FR", Fulfilment.Pickup, [], At));

    [Fact]
    public void Order_numbers_carry_the_day_and_avoid_look_alike_characters()
    {
        var number = OrderNumber.New(new DateOnly(2026, 11, 23));

        Assert.Matches("^MC-261123-[2-9A-HJKMNP-Z]{6}$", number);
    }

    private static void Capture(PaymentLeg leg)
    {
        leg.MoveTo(LegState.Authorizing, At);
        leg.Authorised(leg.Amount, At);
        leg.Captured(leg.Amount, At);
    }
}
