using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>
/// Refunds captured money of a leg with the provider that took it. One implementation per provider;
/// <see cref="LegRefunds"/> picks the one whose <see cref="Handles"/> accepts the leg.
/// </summary>
public interface ILegRefunder
{
    bool Handles(PaymentLeg leg);

    /// <summary>The idempotency key saved before the refund is sent; a provider may need its own format.</summary>
    string NewIdempotencyKey(DateTimeOffset now) => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Asks the provider to refund <paramref name="amount"/>, under the idempotency key already saved
    /// with the order: sending it again never refunds twice.
    /// </summary>
    Task<RefundAnswer> RefundAsync(string orderNumber, PaymentLeg leg, Money amount, string idempotencyKey, CancellationToken cancellationToken);
}

public enum RefundAnswerKind
{
    Accepted,
    Refused,

    /// <summary>The answer was lost: the refund may or may not have happened.</summary>
    Unknown,
}

/// <summary>What the provider said: accepted with its reference, refused with its own error code, or nothing.</summary>
public sealed record RefundAnswer(RefundAnswerKind Kind, string? ProviderReference, string? ErrorCode)
{
    public static RefundAnswer Accepted(string providerReference) => new(RefundAnswerKind.Accepted, providerReference, null);

    public static RefundAnswer Refused(string errorCode) => new(RefundAnswerKind.Refused, null, errorCode);

    public static readonly RefundAnswer Unknown = new(RefundAnswerKind.Unknown, null, null);
}
