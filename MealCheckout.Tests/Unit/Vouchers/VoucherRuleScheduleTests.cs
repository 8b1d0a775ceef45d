using MealCheckout.Core;

namespace MealCheckout.Tests.Unit.Vouchers;

public sealed class VoucherRuleScheduleTests
{
    private static VoucherRuleSchedule Schedule(VoucherRuleOptions options)
    {
        var (schedule, errors) = VoucherRuleSchedule.Read(options);
        Assert.Empty(errors);
        return schedule!;
    }

    private static IReadOnlyList<string> Errors(params VoucherRuleChange[] changes) =>
        VoucherRuleSchedule.Read(new VoucherRuleOptions { Changes = [.. changes] }).Errors;

    [Fact]
    public void By_default_CONECS_caps_at_25_euros_Edenred_at_19_and_every_route_needs_1_50()
    {
        var rules = Schedule(new VoucherRuleOptions()).InForceOn(new DateOnly(2026, 12, 3));

        Assert.Equal((2500, 2500, 1900), (rules.DailyCapFor(VoucherIssuer.Bimpli).Cents, rules.DailyCapFor(VoucherIssuer.Pluxee).Cents, rules.DailyCapFor(VoucherIssuer.Edenred).Cents));
        Assert.Equal((150, 150), (rules.MinimumFor(VoucherIssuer.UpDejeuner).Cents, rules.MinimumFor(VoucherIssuer.Edenred).Cents));
        Assert.Equal(SundayRule.IssuerDecides, rules.SundaysAndHolidays);
    }

    [Fact]
    public void A_route_minimum_overrides_the_minimum_of_every_route()
    {
        var rules = Schedule(new VoucherRuleOptions { MinimumVoucherPaymentCents = 200, EdenredMinimumPaymentCents = 100 }).InForceOn(new DateOnly(2026, 12, 3));

        Assert.Equal((200, 100), (rules.MinimumFor(VoucherIssuer.Bimpli).Cents, rules.MinimumFor(VoucherIssuer.Edenred).Cents));
    }

    [Theory]
    [InlineData("2027-02-28", SundayRule.Refused)]
    [InlineData("2027-03-01", SundayRule.Allowed)]
    [InlineData("2027-03-07", SundayRule.Allowed)]
    public void A_change_applies_from_its_Paris_day_on_and_keeps_every_rule_it_leaves_out(string day, SundayRule expected)
    {
        var schedule = Schedule(new VoucherRuleOptions
        {
            SundaysAndHolidays = SundayRule.Refused,
            Changes = [new VoucherRuleChange { From = "2027-03-01", SundaysAndHolidays = SundayRule.Allowed }],
        });

        var rules = schedule.InForceOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, rules.SundaysAndHolidays);
        Assert.Equal((2500, 1900), (rules.ConecsDailyCap.Cents, rules.EdenredDailyCap.Cents));
    }

    [Fact]
    public void The_cap_history_reads_19_then_38_then_25_euros_on_their_dates()
    {
        var schedule = Schedule(new VoucherRuleOptions
        {
            ConecsDailyCapCents = 1900,
            Changes =
            [
                new VoucherRuleChange { From = "2020-06-12", ConecsDailyCapCents = 3800 },
                new VoucherRuleChange { From = "2022-10-01", ConecsDailyCapCents = 2500 },
            ],
        });

        Assert.Equal(new[] { 1900L, 3800L, 3800L, 2500L }, new[] { "2020-06-11", "2020-06-12", "2022-09-30", "2022-10-01" }
            .Select(d => schedule.InForceOn(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ConecsDailyCap.Cents));
    }

    [Fact]
    public void Rules_refuse_vouchers_on_Sundays_and_holidays_only_when_configured_so()
    {
        var refused = Schedule(new VoucherRuleOptions { SundaysAndHolidays = SundayRule.Refused }).Periods[0];
        var issuerDecides = Schedule(new VoucherRuleOptions()).Periods[0];
        var sunday = new DateOnly(2027, 2, 28);
        var christmasFriday = new DateOnly(2026, 12, 25);
        var monday = new DateOnly(2027, 3, 1);

        Assert.Equal((true, true, false), (refused.RefusesVouchersOn(sunday), refused.RefusesVouchersOn(christmasFriday), refused.RefusesVouchersOn(monday)));
        Assert.Equal((false, true, false), (issuerDecides.RefusesVouchersOn(sunday), issuerDecides.IssuerMayRefuseOn(sunday), issuerDecides.IssuerMayRefuseOn(monday)));
    }

    [Fact]
    public void Changes_out_of_date_order_are_refused_with_a_sentence_naming_the_key() =>
        Assert.Equal("Vouchers:Changes:1:From 2027-01-01 comes before 2027-03-01, the date of the change before it: list the changes in date order.",
            Assert.Single(Errors(new VoucherRuleChange { From = "2027-03-01" }, new VoucherRuleChange { From = "2027-01-01" })));

    [Fact]
    public void Two_changes_on_one_day_overlap_and_are_refused() =>
        Assert.Contains("two changes cannot take effect on the same day",
            Assert.Single(Errors(new VoucherRuleChange { From = "2027-03-01" }, new VoucherRuleChange { From = "2027-03-01", ConecsDailyCapCents = 3000 })));

    [Theory]
    [InlineData(null)]
    [InlineData("01/03/2027")]
    [InlineData("2027-02-30")]
    public void A_change_without_a_readable_date_is_refused(string? from) =>
        Assert.StartsWith("Vouchers:Changes:0:From must be a date written yyyy-MM-dd", Assert.Single(Errors(new VoucherRuleChange { From = from })));

    [Fact]
    public void A_minimum_above_the_cap_or_an_amount_out_of_range_is_refused()
    {
        Assert.Contains("above the daily cap", Assert.Single(Errors(new VoucherRuleChange { From = "2027-03-01", EdenredMinimumPaymentCents = 2000 })));
        Assert.Equal("Vouchers:Changes:0:ConecsDailyCapCents must be between 1 and 100000 cents; it is 0.", Assert.Single(Errors(new VoucherRuleChange { From = "2027-03-01", ConecsDailyCapCents = 0 })));
    }

    [Theory]
    [InlineData("2027-02-28", true)]
    [InlineData("2027-03-01", false)]
    public void A_change_of_eligible_kinds_applies_from_its_Paris_day_on(string day, bool softDrinksEligible)
    {
        var schedule = Schedule(new VoucherRuleOptions
        {
            Changes = [new VoucherRuleChange { From = "2027-03-01", EligibleItemKinds = ["Food"] }],
        });

        var rules = schedule.InForceOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((true, softDrinksEligible, false), (rules.IsEligible(ItemKind.Food), rules.IsEligible(ItemKind.SoftDrink), rules.IsEligible(ItemKind.Alcohol)));
    }

    [Fact]
    public void By_default_vouchers_pay_for_food_and_soft_drinks_only()
    {
        var rules = Schedule(new VoucherRuleOptions()).InForceOn(new DateOnly(2026, 12, 3));

        Assert.Equal([ItemKind.Food, ItemKind.SoftDrink], Enum.GetValues<ItemKind>().Where(rules.IsEligible));
    }

    [Theory]
    [InlineData("Beer")]
    [InlineData("2")]
    public void An_unknown_item_kind_is_refused_with_its_key(string kind)
    {
        Assert.Equal($"Vouchers:Changes:0:EligibleItemKinds:1 '{kind}' is not an item kind; write one of Food, SoftDrink, Alcohol, DeliveryFee, ServiceFee, Tip, Packaging.",
            Assert.Single(Errors(new VoucherRuleChange { From = "2027-03-01", EligibleItemKinds = ["Food", kind] })));
    }
}
