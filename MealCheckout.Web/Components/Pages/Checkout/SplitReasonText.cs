using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Components.Pages.Checkout;

/// <summary>Says in words which rule decided the voucher part of a split.</summary>
public static class SplitReasonText
{
    public static string Describe(IStringLocalizer<UiText> text, SplitPlan plan, Money dailyCap, Money minimum) => Describe(text, plan.Limit, dailyCap, minimum);

    public static string Describe(IStringLocalizer<UiText> text, SplitLimit limit, Money dailyCap, Money minimum) => limit switch
    {
        SplitLimit.EligibleAmount => text["ReasonEligibleAmount"],
        SplitLimit.IssuerBalance => text["ReasonIssuerBalance"],
        SplitLimit.DailyCap => string.Format(text["ReasonDailyCap"], Euros(dailyCap)),
        SplitLimit.DailyCapReached => string.Format(text["ReasonDailyCapReached"], Euros(dailyCap)),
        SplitLimit.BelowMinimum => string.Format(text["ReasonBelowMinimum"], Euros(minimum)),
        SplitLimit.NothingEligible => text["ReasonNothingEligible"],
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "Unknown split limit."),
    };

    private static string Euros(Money amount) => amount.Format(System.Globalization.CultureInfo.CurrentCulture);
}
