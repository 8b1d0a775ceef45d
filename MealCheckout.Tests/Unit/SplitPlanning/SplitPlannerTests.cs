using MealCheckout.Core;
using MealCheckout.Core.Checkout;

namespace MealCheckout.Tests.Unit.SplitPlanning;

public sealed class SplitPlannerTests
{
    private static readonly Money Minimum = Money.FromCents(150);
    private static readonly Money ConecsCap = Money.FromCents(2500);

    private static SplitPlan Plan(long total, long eligible, long? available = null, long cap = 2500, long spentToday = 0) =>
        new SplitPlanner().Plan(new SplitRequest(Money.FromCents(total), Money.FromCents(eligible),
            available is null ? null : Money.FromCents(available.Value), Money.FromCents(cap), Money.FromCents(spentToday), Minimum));

    [Fact]
    public void Voucher_pays_all_eligible_items_and_the_card_the_rest()
    {
        var plan = Plan(total: 2400, eligible: 1850);

        Assert.Equal(1850, plan.VoucherPart.Cents);
        Assert.Equal(550, plan.CardPart.Cents);
        Assert.Equal(SplitLimit.EligibleAmount, plan.Limit);
    }

    [Fact]
    public void Daily_cap_limits_the_voucher_part()
    {
        var plan = Plan(total: 4000, eligible: 4000);

        Assert.Equal(2500, plan.VoucherPart.Cents);
        Assert.Equal(1500, plan.CardPart.Cents);
        Assert.Equal(SplitLimit.DailyCap, plan.Limit);
    }

    [Fact]
    public void What_was_already_spent_today_here_reduces_the_cap()
    {
        var plan = Plan(total: 3000, eligible: 3000, spentToday: 1000);

        Assert.Equal(1500, plan.VoucherPart.Cents);
        Assert.Equal(SplitLimit.DailyCap, plan.Limit);
    }

    [Fact]
    public void Issuer_balance_limits_the_voucher_part()
    {
        var plan = Plan(total: 2000, eligible: 2000, available: 800);

        Assert.Equal(800, plan.VoucherPart.Cents);
        Assert.Equal(1200, plan.CardPart.Cents);
        Assert.Equal(SplitLimit.IssuerBalance, plan.Limit);
    }

    [Fact]
    public void Voucher_part_under_minimum_goes_to_card()
    {
        var plan = Plan(total: 2000, eligible: 2000, available: 149);

        Assert.Equal(Money.Zero, plan.VoucherPart);
        Assert.Equal(2000, plan.CardPart.Cents);
        Assert.Equal(SplitLimit.BelowMinimum, plan.Limit);
    }

    [Fact]
    public void Voucher_part_exactly_at_minimum_is_paid_by_voucher()
    {
        var plan = Plan(total: 2000, eligible: 150);

        Assert.Equal(150, plan.VoucherPart.Cents);
        Assert.Equal(SplitLimit.EligibleAmount, plan.Limit);
    }

    [Fact]
    public void Cap_left_under_minimum_sends_everything_to_the_card()
    {
        var plan = Plan(total: 2000, eligible: 2000, spentToday: 2400);

        Assert.Equal(Money.Zero, plan.VoucherPart);
        Assert.Equal(SplitLimit.BelowMinimum, plan.Limit);
    }

    [Theory]
    [InlineData(2500)]
    [InlineData(3100)] // spent beyond the cap (e.g. the cap was lowered) must not underflow
    public void Cap_already_reached_sends_everything_to_the_card(long spentToday)
    {
        var plan = Plan(total: 2000, eligible: 2000, spentToday: spentToday);

        Assert.Equal(Money.Zero, plan.VoucherPart);
        Assert.Equal(2000, plan.CardPart.Cents);
        Assert.Equal(SplitLimit.DailyCapReached, plan.Limit);
    }

    [Fact]
    public void Order_with_nothing_eligible_goes_to_the_card()
    {
        var plan = Plan(total: 1100, eligible: 0);

        Assert.Equal(Money.Zero, plan.VoucherPart);
        Assert.Equal(SplitLimit.NothingEligible, plan.Limit);
    }

    [Fact]
    public void Equal_limits_are_explained_by_the_basket_first_then_the_cap()
    {
        Assert.Equal(SplitLimit.EligibleAmount, Plan(total: 2500, eligible: 2500, available: 2500).Limit);
        Assert.Equal(SplitLimit.DailyCap, Plan(total: 3000, eligible: 3000, available: 2500).Limit);
    }

    [Fact]
    public void Zero_balance_sends_everything_to_the_card()
    {
        var plan = Plan(total: 1200, eligible: 1200, available: 0);

        Assert.Equal(Money.Zero, plan.VoucherPart);
        Assert.Equal(1200, plan.CardPart.Cents);
    }

    [Fact]
    public void Parts_always_add_up_to_the_total()
    {
        for (long eligible = 0; eligible <= 4000; eligible += 37)
        {
            for (long available = 0; available <= 3000; available += 113)
            {
                var plan = Plan(total: 4000, eligible: eligible, available: available, spentToday: available % 900);
                Assert.Equal(4000, (plan.VoucherPart + plan.CardPart).Cents);
                Assert.True(plan.VoucherPart.IsZero || plan.VoucherPart.Cents >= 150);
                Assert.True(plan.VoucherPart.Cents <= Math.Min(eligible, available));
            }
        }
    }

    [Fact]
    public void Eligible_subtotal_above_total_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitRequest(Money.FromCents(100), Money.FromCents(200), null, ConecsCap, Money.Zero, Minimum));

    [Fact]
    public void Edenred_cap_is_19_euros_and_CONECS_cap_25_by_default()
    {
        var caps = VoucherRuleSchedule.Read(new VoucherRuleOptions()).Schedule!.InForceOn(new DateOnly(2026, 12, 3));

        Assert.Equal(1900, caps.DailyCapFor(VoucherIssuer.Edenred).Cents);
        Assert.Equal(2500, caps.DailyCapFor(VoucherIssuer.Bimpli).Cents);
        Assert.Equal(2500, caps.DailyCapFor(VoucherIssuer.UpDejeuner).Cents);
    }
}
