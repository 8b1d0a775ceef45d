using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.Refunds;

public enum RefundAction
{
    /// <summary>Release a voucher authorisation that was never captured.</summary>
    CancelAuthorisation,

    /// <summary>Refund the leg itself with its provider.</summary>
    Refund,

    /// <summary>Give a CONECS voucher leg's money back as a refund on the order's card leg.</summary>
    GiveBackOnCard,

    /// <summary>Record money given back for a CONECS voucher leg outside the platform.</summary>
    Compensate,
}

/// <summary>
/// What a manager confirmed for one leg. <paramref name="RequestId"/> is made when the dialog opens
/// and travels to the provider as the idempotency key: a double submit acts once.
/// </summary>
public sealed record RefundDecision(Guid OrderId, Guid LegId, RefundAction Action, Money Amount, Guid RequestId, string? Reason = null);
