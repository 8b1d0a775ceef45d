using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Checkout;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Components.Pages.Checkout;

/// <summary>Turns a failed checkout into one plain sentence with the next step, in the diner's language.</summary>
public static class CheckoutMessages
{
    public static string Describe(IStringLocalizer<UiText> text, CheckoutOutcome outcome)
    {
        var reason = outcome.ProviderCode switch
        {
            "Expired Card" => text["ReasonExpiredCard"],
            "Blocked Card" => text["ReasonBlockedCard"],
            "CVC Declined" => text["ReasonCvcDeclined"],
            // The provider could not read the card fields (altered, or typed too long ago): type the card again.
            "174" or "178" => text["ReasonCardUnreadable"],
            // The card the provider read is not the voucher card its reported BIN named.
            VoucherCardRouter.NotAVoucherCard => text["ReasonNotAVoucherCard"],
            "Not enough balance" => text["ReasonNotEnoughBalance"],
            "Withdrawal amount exceeded" => text["ReasonDailyLimit"],
            "Restricted Card" => text["ReasonSundayHoliday"],
            _ => EdenredErrorReasons.KeyFor(outcome.ProviderCode) is { } key ? text[key] : null,
        };
        var next = outcome.Failure switch
        {
            CheckoutFailure.VoucherRefused => text["VoucherRefused"],
            CheckoutFailure.CardRefused => text["CardRefused"],
            CheckoutFailure.BankCardNeeded => text["BankCardNeeded"],
            CheckoutFailure.ProviderUnavailable => text["ProviderUnavailable"],
            CheckoutFailure.OutcomeBeingChecked => text["OutcomeBeingChecked"],
            CheckoutFailure.EdenredLoginRequired => text["EdenredLoginRequired"],
            CheckoutFailure.TooManyAttempts => text["TooManyAttempts"],
            CheckoutFailure.SplitChanged => text["SplitChanged" + outcome.Change],
            CheckoutFailure.DinerCancelled => text["DinerCancelled"],
            CheckoutFailure.IssuerNotAccepted => text["IssuerNotAccepted"],
            CheckoutFailure.RestaurantNotReady => text["RestaurantNotReady"],
            _ => "",
        };
        return reason is null ? next : $"{reason} {next}";
    }
}
