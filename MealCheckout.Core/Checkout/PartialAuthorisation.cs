using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// A voucher issuer authorised less than asked. The authorisation is held and nothing else is
/// charged until the diner answers: the card pays the difference (they confirm) or everything is
/// released (they cancel, or the checkout expires). The question is recorded as the reason of the
/// voucher leg's move to Authorized, so a reload or another server finds it.
/// </summary>
public static class PartialAuthorisation
{
    public const string AwaitingDiner = "partially authorised: awaiting the diner";

    /// <summary>The voucher part is held for less than asked and the diner has not answered yet.</summary>
    public static bool IsAwaitingDiner(Order order) =>
        order.Status == OrderStatus.Open
        && order.Legs.All(l => l.Kind == LegKind.Voucher)
        && order.Legs.SingleOrDefault(l => l.State == LegState.Authorized) is { } voucher
        && voucher.Transitions.Any(t => t.To == LegState.Authorized && t.Reason == AwaitingDiner);

    /// <summary>What the diner is asked to confirm: the voucher pays what was authorised, the card the rest.</summary>
    public static ConfirmedSplit Proposal(Order order)
    {
        var voucher = order.Legs.Single(l => l.State == LegState.Authorized);
        return new ConfirmedSplit(voucher.Issuer, voucher.VoucherAccount, voucher.AuthorisedAmount, order.Total - voucher.AuthorisedAmount, SplitLimit.IssuerBalance);
    }

    public static CheckoutOutcome Question(Order order) =>
        new(order.Id, order.Number, CheckoutFailure.PartiallyAuthorised) { Proposed = Proposal(order), Change = SplitChange.PartiallyAuthorised };

    /// <summary>Records the authorisation of a voucher leg, as a question to the diner when it is for less than asked.</summary>
    public static void Record(PaymentLeg voucher, Money authorised, DateTimeOffset at, string providerStatus)
    {
        if (authorised < voucher.Amount)
        {
            voucher.ReduceAmountTo(authorised);
            voucher.Authorised(authorised, at, AwaitingDiner);
            return;
        }
        voucher.Authorised(authorised, at, providerStatus);
    }
}
