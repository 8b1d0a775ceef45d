using System.Globalization;
using MealCheckout.Core;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Detail;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Core.Staff.Settlement;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Staff;

/// <summary>Puts order states, issuers and refund outcomes into the staff member's language.</summary>
public static class StaffOperationsWords
{
    public static string Status(IStringLocalizer<StaffOperationsText> text, OrderStatus status) => text[$"Status_{status}"];

    /// <summary>Why the reconciler left an order to staff, and what to check with the provider.</summary>
    public static string CheckReason(IStringLocalizer<StaffOperationsText> text, CheckReason reason) => text[$"CheckReason_{reason}"];

    public static string State(IStringLocalizer<StaffOperationsText> text, LegState state) => text[$"LegState_{state}"];

    public static string Issuer(IStringLocalizer<StaffOperationsText> text, SettlementIssuer issuer) => SettlementRow.NameOf(issuer, text["Issuer_BankCard"]);

    /// <summary>The name staff know a leg's provider by: the voucher brand, or "bank card".</summary>
    public static string Issuer(IStringLocalizer<StaffOperationsText> text, PaymentLeg leg) => Issuer(text, SettlementRow.IssuerOf(leg.Kind, leg.Issuer));

    /// <summary>"12,50 €", or "−12,50 €" for a day whose refunds exceed its captures.</summary>
    public static string SignedEuros(long cents, CultureInfo culture) =>
        (cents < 0 ? "\u2212" : "") + Money.FromCents(Math.Abs(cents)).Format(culture);

    /// <summary>
    /// What a refund action did, in plain words; the provider's code is kept for support. <paramref name="leg"/>
    /// is the leg the money moved on (the card leg when a voucher's money went back on the card).
    /// </summary>
    public static string RefundOutcome(IStringLocalizer<StaffOperationsText> text, RefundResult result, PaymentLeg leg, CultureInfo culture) => result.Outcome switch
    {
        Core.Staff.Refunds.RefundOutcome.Refunded => string.Format(culture, text["RefundDone"], AmountOr(result, leg.CapturedAmount).Format(culture), StaffLegNames.Of(text, leg)),
        Core.Staff.Refunds.RefundOutcome.AlreadyRefunded => text["RefundAlreadyDone"],
        Core.Staff.Refunds.RefundOutcome.NotCaptured => text["RefundNotCaptured"],
        Core.Staff.Refunds.RefundOutcome.NotAvailableForIssuer => string.Format(culture, text["RefundNotAvailableForIssuer"], Issuer(text, leg)),
        Core.Staff.Refunds.RefundOutcome.AmountTooHigh => text["RefundAmountTooHigh"],
        Core.Staff.Refunds.RefundOutcome.Cancelled => string.Format(culture, text["RefundCancelled"], AmountOr(result, leg.AuthorisedAmount).Format(culture), StaffLegNames.Of(text, leg)),
        Core.Staff.Refunds.RefundOutcome.Compensated => string.Format(culture, text["RefundCompensated"], result.Amount.Format(culture), StaffLegNames.Of(text, leg)),
        Core.Staff.Refunds.RefundOutcome.OutcomeUnknown => text["RefundUnknown"],
        Core.Staff.Refunds.RefundOutcome.NotAllowed => text["RefundNotAllowed"],
        Core.Staff.Refunds.RefundOutcome.NotFound => text["RefundNotFound"],
        Core.Staff.Refunds.RefundOutcome.TooManyAttempts => text["RefundTooMany"],
        Core.Staff.Refunds.RefundOutcome.Refused => string.Format(culture, text[RefusalKey(result.ProviderCode)], result.ProviderCode),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Unknown refund outcome."),
    };

    private static Money AmountOr(RefundResult result, Money fallback) => result.Amount.IsZero ? fallback : result.Amount;

    public static string NotAvailable(IStringLocalizer<StaffOperationsText> text, PaymentLeg leg, CultureInfo culture) =>
        string.Format(culture, text["RefundNotAvailable"], Issuer(text, leg));

    // Adyen-style codes: 167 the payment is not in a refundable state, 137 invalid amount, 905 not supported for the payment method,
    // 000/901 credentials or merchant account.
    private static string RefusalKey(string? code) => code switch
    {
        "905" => "RefusedNotSupported",
        "167" => "RefusedNotRefundable",
        "137" => "RefusedAmount",
        "000" or "901" or "401" or "403" => "RefusedCredentials",
        _ => "RefusedOther",
    };
}
