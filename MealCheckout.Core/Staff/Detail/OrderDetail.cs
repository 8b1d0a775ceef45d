using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.Detail;

/// <summary>
/// Everything staff need to answer "did this diner pay, and how": the order with its lines and
/// legs, why the bill split as it did (as recorded at checkout), and every leg's state changes.
/// </summary>
public sealed record OrderDetail(Order Order, SplitLimit? SplitReason, IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>What the voucher legs took (captured, refunded or not).</summary>
    public Money VoucherPart => Taken(LegKind.Voucher);

    public Money CardPart => Taken(LegKind.Card);

    private Money Taken(LegKind kind) => Order.Legs.Where(l => l.Kind == kind).Aggregate(Money.Zero, (sum, l) => sum + l.CapturedAmount);
}

/// <summary>
/// One state change of one payment leg, a part of it refunded (<paramref name="Amount"/>, the leg staying
/// captured), or money given back for a voucher leg (<paramref name="Compensation"/>).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, PaymentLeg Leg, LegState From, LegState To, string? Reason, Money? Amount = null, Compensation? Compensation = null)
{
    public bool IsPartialRefund => Compensation is null && From == LegState.Captured && To == LegState.Captured;

    /// <summary>The wall-clock time in Paris, which is what the restaurant's staff read.</summary>
    public DateTimeOffset ParisTime => ParisCalendar.ToParis(At);
}

/// <summary>
/// How a leg is named to staff: brand and last four, or the voucher account without its fingerprint — never more.
/// A voucher card paid through the card network also names the network it went through ("Swile •••• 0015 · Mastercard").
/// </summary>
public static class LegLabel
{
    public static string Of(PaymentLeg leg) => leg.Kind == LegKind.Voucher
        ? $"{leg.Issuer?.DisplayName()} {VoucherAccountShown(leg.VoucherAccount)}{ThroughNetwork(leg)}".Trim()
        : $"{leg.CardBrand} •••• {leg.CardLast4}".Trim();

    private static string ThroughNetwork(PaymentLeg leg) =>
        leg.Route == VoucherRoute.CardNetwork && leg.CardBrand is { } brand ? $" · {Payments.CardSchemes.DisplayName(brand) ?? brand}" : "";

    // A CONECS account is stored as "•••• 1234 #<keyed hash>": the hash only tells cards apart for the daily cap.
    // An Edenred account is the diner's e-mail: staff see enough to recognise it, not the whole address.
    public static string VoucherAccountShown(string? account)
    {
        var shown = account?.Split('#')[0].Trim() ?? "";
        var at = shown.IndexOf('@');
        return at > 0 ? $"{shown[0]}•••{shown[at..]}" : shown;
    }
}
