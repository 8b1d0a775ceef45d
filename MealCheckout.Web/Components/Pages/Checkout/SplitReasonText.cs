using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Components.Pages.Checkout;

/// <summary>Says in words which rule decided the voucher part of a split.</summary>
public static class SplitReasonText
{
    /// <summary>The reason under <paramref name="rules"/>, the voucher rules of the split's day, for a voucher of <paramref name="issuer"/>.</summary>
    public static string Describe(IStringLocalizer<UiText> text, SplitLimit limit, VoucherRules rules, VoucherIssuer issuer) =>
        Describe(text, limit, rules.DailyCapFor(issuer), rules.MinimumFor(issuer));

    private static string Describe(IStringLocalizer<UiText> text, SplitLimit limit, Money dailyCap, Money minimum) => limit switch
    {
        SplitLimit.EligibleAmount => text["ReasonEligibleAmount"],
        SplitLimit.IssuerBalance => text["ReasonIssuerBalance"],
        SplitLimit.DailyCap => string.Format(text["ReasonDailyCap"], Euros(dailyCap)),
        SplitLimit.DailyCapReached => string.Format(text["ReasonDailyCapReached"], Euros(dailyCap)),
        SplitLimit.BelowMinimum => string.Format(text["ReasonBelowMinimum"], Euros(minimum)),
        SplitLimit.NothingEligible => text["ReasonNothingEligible"],
        SplitLimit.SundayOrHoliday => text["ReasonVouchersClosedToday"],
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "Unknown split limit."),
    };

    private static string Euros(Money amount) => amount.Format(System.Globalization.CultureInfo.CurrentCulture);
}
