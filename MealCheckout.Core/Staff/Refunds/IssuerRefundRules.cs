using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>What staff may do to give a leg's money back, as its issuer allows.</summary>
public enum RefundWay
{
    /// <summary>Nothing is held or captured, or everything was already given back.</summary>
    None,

    /// <summary>A voucher authorisation not captured yet: released, never refunded.</summary>
    CancelAuthorisation,

    /// <summary>A bank-card leg: refunded in full or in parts, never more than it captured.</summary>
    RefundAnyAmount,

    /// <summary>An Edenred leg: refunded in full only (Edenred answers PARTIAL_REVERSALS_NOT_ALLOWED).</summary>
    RefundInFull,

    /// <summary>
    /// A captured CONECS voucher leg, which the Adyen-style API cannot refund: the money goes back on the
    /// order's card leg, or is recorded as given off the platform.
    /// </summary>
    GiveBackElsewhere,
}

/// <summary>
/// The way a leg may be given back, how much at most, and for a CONECS voucher leg, the card leg
/// that can carry the money and how much that card still holds.
/// </summary>
public sealed record LegRefundChoice(RefundWay Way, Money AtMost, PaymentLeg? CardLeg = null, Money OnCardAtMost = default)
{
    public static readonly LegRefundChoice None = new(RefundWay.None, Money.Zero);
}

/// <summary>
/// Each issuer's refund rules (DESIGN.md, "refunds"): Adyen's and Stripe's tables list no refunds for
/// titres-restaurant, only separate capture; Edenred refunds the full captured amount only; bank
/// cards refund fully or partly. The staff page offers what this says, and <see cref="LegRefunds"/>
/// refuses anything else whoever calls it.
/// </summary>
public static class IssuerRefundRules
{
    public static LegRefundChoice ChoiceFor(Order order, PaymentLeg leg)
    {
        if (leg.Kind == LegKind.Voucher && leg.State == LegState.Authorized)
        {
            return new LegRefundChoice(RefundWay.CancelAuthorisation, leg.AuthorisedAmount);
        }
        if (leg.State != LegState.Captured)
        {
            return LegRefundChoice.None;
        }
        if (leg.Kind == LegKind.Card)
        {
            return new LegRefundChoice(RefundWay.RefundAnyAmount, leg.Refundable);
        }
        if (leg.Issuer == VoucherIssuer.Edenred)
        {
            return leg.RefundedAmount.IsZero ? new LegRefundChoice(RefundWay.RefundInFull, leg.CapturedAmount) : LegRefundChoice.None;
        }
        var remaining = leg.CapturedAmount - order.CompensatedFor(leg.Id);
        if (remaining.IsZero)
        {
            return LegRefundChoice.None;
        }
        var card = order.Legs.FirstOrDefault(l => l.Kind == LegKind.Card && l.State == LegState.Captured);
        return new LegRefundChoice(RefundWay.GiveBackElsewhere, remaining, card, card is null ? Money.Zero : Money.Min(remaining, card.Refundable));
    }
}
