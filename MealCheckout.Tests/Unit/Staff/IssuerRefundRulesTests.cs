using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Core.Staff.Settlement;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Unit.Staff;

/// <summary>What each leg may be given back as, by issuer and state, and the commission and limits that go with refunds.</summary>
public sealed class IssuerRefundRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_card_leg_is_refunded_in_any_amount_up_to_what_it_still_holds()
    {
        var (order, _, card) = Split(VoucherIssuer.Bimpli);
        card.RefundedPart(Money.FromCents(200), At);

        Assert.Equal(new LegRefundChoice(RefundWay.RefundAnyAmount, Money.FromCents(350)), IssuerRefundRules.ChoiceFor(order, card));
    }

    [Fact]
    public void An_Edenred_leg_is_refunded_in_full_only()
    {
        var (order, voucher, _) = Split(VoucherIssuer.Edenred);

        Assert.Equal(new LegRefundChoice(RefundWay.RefundInFull, Money.FromCents(1850)), IssuerRefundRules.ChoiceFor(order, voucher));
    }

    [Fact]
    public void A_captured_CONECS_voucher_leg_is_given_back_on_the_card_up_to_what_the_card_holds_or_off_the_platform()
    {
        var (order, voucher, card) = Split(VoucherIssuer.Pluxee);

        var choice = IssuerRefundRules.ChoiceFor(order, voucher);

        Assert.Equal((RefundWay.GiveBackElsewhere, 1850L, 550L), (choice.Way, choice.AtMost.Cents, choice.OnCardAtMost.Cents));
        Assert.Same(card, choice.CardLeg);
        order.RecordCompensation(Guid.NewGuid(), voucher.Id, Money.FromCents(1500), CompensationWay.OffPlatform, "Espèces", "manager@mealcheckout.test", At);
        Assert.Equal((350L, 350L), (IssuerRefundRules.ChoiceFor(order, voucher).AtMost.Cents, IssuerRefundRules.ChoiceFor(order, voucher).OnCardAtMost.Cents));
        order.RecordCompensation(Guid.NewGuid(), voucher.Id, Money.FromCents(350), CompensationWay.OffPlatform, "Espèces", "manager@mealcheckout.test", At);
        Assert.Equal(RefundWay.None, IssuerRefundRules.ChoiceFor(order, voucher).Way);
    }

    [Fact]
    public void A_compensation_never_passes_what_the_voucher_leg_captured_and_is_recorded_once_per_request()
    {
        var (order, voucher, _) = Split(VoucherIssuer.UpDejeuner);
        var request = Guid.NewGuid();

        order.RecordCompensation(request, voucher.Id, Money.FromCents(1850), CompensationWay.OffPlatform, "Plat raté", "manager@mealcheckout.test", At);
        order.RecordCompensation(request, voucher.Id, Money.FromCents(1850), CompensationWay.OffPlatform, "Plat raté", "manager@mealcheckout.test", At);

        Assert.Single(order.Compensations);
        Assert.Throws<ArgumentOutOfRangeException>(() => order.RecordCompensation(Guid.NewGuid(), voucher.Id, Money.FromCents(1), CompensationWay.OffPlatform, "Encore", "manager@mealcheckout.test", At));
    }

    [Fact]
    public void A_voucher_authorisation_not_captured_is_cancelled_and_a_refused_leg_offers_nothing()
    {
        var order = Order.Create(Guid.NewGuid(), "MC-261124-AUTH01", "fr-FR", Fulfilment.Pickup, [new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 1)], At);
        var held = order.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 0010", Money.FromCents(1850), At);
        held.MoveTo(LegState.Authorizing, At);
        held.Authorised(Money.FromCents(1850), At);

        Assert.Equal(new LegRefundChoice(RefundWay.CancelAuthorisation, Money.FromCents(1850)), IssuerRefundRules.ChoiceFor(order, held));
        held.Cancelled(At);
        Assert.Equal(LegRefundChoice.None, IssuerRefundRules.ChoiceFor(order, held));
    }

    [Theory]
    [InlineData(0, 1850, 0)]
    [InlineData(300, 1850, 56)] // 55,5 cents rounds away from zero
    [InlineData(250, 1000, 25)]
    [InlineData(10_000, 1850, 1850)]
    public void The_commission_is_the_issuers_rate_in_basis_points_of_the_captures_rounded_to_the_cent(int basisPoints, long captured, long expected)
    {
        var options = new IssuerCommissionOptions { Bimpli = basisPoints };

        Assert.Equal(expected, options.CommissionOn(SettlementIssuer.Bimpli, Money.FromCents(captured)).Cents);
    }

    [Fact]
    public async Task A_manager_starts_a_limited_number_of_refund_actions_per_minute()
    {
        var clock = new FixedTimeProvider(At);
        var limiter = new RefundAttemptLimiter(new MealCheckout.Core.Limits.InMemoryAttemptCounts(clock), Microsoft.Extensions.Options.Options.Create(new RefundOptions { PerManagerPerMinute = 2 }));

        Assert.True(await limiter.TryStartAsync("manager@mealcheckout.test"));
        Assert.True(await limiter.TryStartAsync("manager@mealcheckout.test"));
        Assert.False(await limiter.TryStartAsync("manager@mealcheckout.test"));
        Assert.True(await limiter.TryStartAsync("other@mealcheckout.test"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await limiter.TryStartAsync("manager@mealcheckout.test"));
    }

    /// <summary>Steak on a voucher of <paramref name="issuer"/>, wine on a Visa, both captured.</summary>
    private static (Order Order, PaymentLeg Voucher, PaymentLeg Card) Split(VoucherIssuer issuer)
    {
        var order = Order.Create(Guid.NewGuid(), "MC-261124-SPLIT1", "fr-FR", Fulfilment.Pickup,
            [new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new NewOrderLine("Verre de vin", ItemKind.Alcohol, Money.FromCents(550), 1)], At);
        var voucher = order.AddVoucherLeg(issuer, "•••• 0010", Money.FromCents(1850), At);
        var card = order.AddCardLeg("visa", "1111", Money.FromCents(550), At);
        foreach (var leg in new[] { voucher, card })
        {
            leg.MoveTo(LegState.Authorizing, At);
            leg.Authorised(leg.Amount, At);
            leg.Captured(leg.Amount, At);
        }
        return (order, voucher, card);
    }
}
