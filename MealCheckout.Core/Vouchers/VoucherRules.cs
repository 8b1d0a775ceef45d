using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;

namespace MealCheckout.Core;

/// <summary>The voucher rules in force from <see cref="From"/> (a Paris day) until the next change.</summary>
public sealed record VoucherRules(
    DateOnly From,
    Money ConecsDailyCap,
    Money EdenredDailyCap,
    Money ConecsMinimum,
    Money EdenredMinimum,
    SundayRule SundaysAndHolidays,
    IReadOnlySet<ItemKind> EligibleKinds)
{
    public bool IsEligible(ItemKind kind) => EligibleKinds.Contains(kind);

    /// <summary>The part of these lines a meal voucher may pay at most.</summary>
    public Money EligibleOf(IEnumerable<Orders.NewOrderLine> lines) => OrderDraft.TotalOf(lines.Where(l => IsEligible(l.Kind)));

    public Money DailyCapFor(VoucherIssuer issuer) => issuer.RouteOf() == VoucherRoute.Edenred ? EdenredDailyCap : ConecsDailyCap;

    public Money MinimumFor(VoucherIssuer issuer) => issuer.RouteOf() == VoucherRoute.Edenred ? EdenredMinimum : ConecsMinimum;

    /// <summary>No voucher pays on this day: the card pays the whole bill.</summary>
    public bool RefusesVouchersOn(DateOnly day) => SundaysAndHolidays == SundayRule.Refused && ParisCalendar.IsSundayOrPublicHoliday(day);

    /// <summary>What the split planner needs under these rules, for a voucher of <paramref name="issuer"/> on a Paris <paramref name="day"/>.</summary>
    public SplitRequest SplitRequest(VoucherIssuer issuer, Money total, Money eligible, Money? available, Money spentToday, DateOnly day) =>
        new(total, eligible, available, DailyCapFor(issuer), spentToday, MinimumFor(issuer)) { VouchersRefusedToday = RefusesVouchersOn(day) };

    /// <summary>The issuer may refuse on this day, as the employer decided for each card: the diner is warned.</summary>
    public bool IssuerMayRefuseOn(DateOnly day) => SundaysAndHolidays == SundayRule.IssuerDecides && ParisCalendar.IsSundayOrPublicHoliday(day);
}
