using System.Globalization;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Detail;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Staff;

/// <summary>
/// Why a leg changed state, in the staff member's language. The stored reason is written for the
/// log ("reconciler: checkout not finished", "refunded by …", a provider's result code); staff read a
/// sentence. A provider's own refusal wording is kept as a code for support, never as the sentence.
/// </summary>
public static class TimelineReasons
{
    private const string RefundedBy = "refunded by ";

    /// <summary>What changed: a leg's state, a part of it refunded, or money given back for a voucher leg.</summary>
    public static string Change(IStringLocalizer<StaffOperationsText> text, TimelineEntry entry) => entry switch
    {
        { Compensation: not null } => text["TimelineCompensation"],
        { IsPartialRefund: true, Amount: { } part } => string.Format(CultureInfo.CurrentCulture, text["TimelinePartRefund"], part.Format(CultureInfo.CurrentCulture)),
        _ => $"{StaffOperationsWords.State(text, entry.From)} → {StaffOperationsWords.State(text, entry.To)}",
    };

    public static string Describe(IStringLocalizer<StaffOperationsText> text, TimelineEntry entry)
    {
        if (entry.Compensation is { } given)
        {
            var amount = given.Amount.Format(CultureInfo.CurrentCulture);
            return given.Way == CompensationWay.OffPlatform
                ? string.Format(CultureInfo.CurrentCulture, text["TimelineCompensationOffPlatform"], amount, given.RecordedBy, given.Reason)
                : string.Format(CultureInfo.CurrentCulture, text["TimelineCompensationOnCard"], amount, given.RecordedBy);
        }
        var reason = entry.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return text[$"Reason_To_{entry.To}"];
        }
        if (Enum.TryParse<SplitLimit>(reason, out var limit) && Enum.IsDefined(limit))
        {
            return text[$"Reason_Split_{limit}"];
        }
        if (reason.StartsWith(RefundedBy, StringComparison.Ordinal))
        {
            var who = reason[RefundedBy.Length..].Split(" (")[0];
            return string.Format(CultureInfo.CurrentCulture, text["Reason_RefundedBy"], who);
        }
        var known = KnownReason(reason);
        if (known is not null)
        {
            return text[known];
        }
        return entry.To is LegState.Refused or LegState.Failed
            ? string.Format(CultureInfo.CurrentCulture, text["Reason_ProviderRefusal"], reason)
            : text[$"Reason_To_{entry.To}"];
    }

    private static string? KnownReason(string reason) => reason switch
    {
        PartialAuthorisation.AwaitingDiner => "Reason_AwaitingDiner",
        "Authorised" or "PartiallyAuthorised" or "AUTHORISATION notification" => "Reason_ProviderAuthorised",
        "cancelled at Edenred" => "Reason_CancelledAtEdenred",
        _ when reason.StartsWith("reconciler:", StringComparison.Ordinal) => "Reason_Reconciler",
        _ when reason.StartsWith("released: ", StringComparison.Ordinal) || reason.StartsWith("order cancelled: ", StringComparison.Ordinal) => "Reason_ReleasedAfterFailure",
        _ when Enum.TryParse<CheckoutFailure>(reason, out _) => "Reason_ReleasedAfterFailure",
        _ => null,
    };
}
