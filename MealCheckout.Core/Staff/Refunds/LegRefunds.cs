using MealCheckout.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Core.Staff.Refunds;

public enum RefundOutcome
{
    Refunded,

    /// <summary>The leg was refunded before (a second click, another manager): nothing was sent.</summary>
    AlreadyRefunded,

    /// <summary>The leg holds no captured money (refused, cancelled, still being paid).</summary>
    NotCaptured,

    /// <summary>No refunder is registered for this leg's provider: refunds are done at the issuer.</summary>
    NotAvailableForIssuer,

    /// <summary>The provider said no; its error code is in <see cref="RefundResult.ProviderCode"/>.</summary>
    Refused,

    /// <summary>The answer was lost: trying again replays the same request and cannot refund twice.</summary>
    OutcomeUnknown,

    NotFound,

    /// <summary>The person asking may not refund: only managers may.</summary>
    NotAllowed,
}

public sealed record RefundResult(RefundOutcome Outcome, string? ProviderCode = null)
{
    public bool LegIsRefunded => Outcome is RefundOutcome.Refunded or RefundOutcome.AlreadyRefunded;
}

/// <summary>
/// A manager refunds one whole captured leg. The refund call and its idempotency key are saved
/// with the order before the provider is called; a double click, a concurrent click or a retry
/// after a lost answer reuses that key, so the provider refunds once. The leg moves to Refunded
/// with a transition naming who refunded it, and the order's status follows.
/// </summary>
public sealed partial class LegRefunds(IOrderStore orders, IEnumerable<ILegRefunder> refunders, TimeProvider time, ILogger<LegRefunds> logger)
{
    public const string RefundOperation = "refund";
    private const int ConcurrentWriteAttempts = 5;

    /// <summary>Whether a refunder exists for the leg's provider, for the page to say so before anyone clicks.</summary>
    public bool CanRefundWithProvider(PaymentLeg leg) => refunders.Any(r => r.Handles(leg));

    public async Task<RefundResult> RefundAsync(Guid orderId, Guid legId, string refundedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refundedBy);
        var order = await orders.FindAsync(orderId, cancellationToken);
        var leg = order?.Legs.SingleOrDefault(l => l.Id == legId);
        if (order is null || leg is null)
        {
            return new RefundResult(RefundOutcome.NotFound);
        }
        if (Settled(leg) is { } settled)
        {
            return settled;
        }
        var refunder = refunders.FirstOrDefault(r => r.Handles(leg));
        if (refunder is null)
        {
            return new RefundResult(RefundOutcome.NotAvailableForIssuer);
        }

        string? key = null;
        RefundResult? early = null;
        await UpdateAsync(orderId, o =>
        {
            var current = o.Legs.Single(l => l.Id == legId);
            early = Settled(current);
            key = early is null ? (current.PendingCall(RefundOperation) ?? current.BeginCall(RefundOperation, Now, refunder.NewIdempotencyKey(Now))).IdempotencyKey : null;
        }, cancellationToken);
        if (early is not null)
        {
            return early;
        }

        var answer = await refunder.RefundAsync(order.Number, leg, key!, cancellationToken);
        LogAnswer(logger, order.Number, leg.Kind, answer.Kind, answer.ErrorCode ?? "", key!);
        switch (answer.Kind)
        {
            case RefundAnswerKind.Accepted:
                await UpdateAsync(orderId, o =>
                {
                    var current = o.Legs.Single(l => l.Id == legId);
                    if (current.PendingCall(RefundOperation) is { } call && call.IdempotencyKey == key)
                    {
                        PaymentLeg.CompleteCall(call, "ok " + answer.ProviderReference, Now);
                    }
                    if (current.State == LegState.Captured)
                    {
                        current.Refunded(current.CapturedAmount, Now, $"refunded by {refundedBy} ({answer.ProviderReference})");
                    }
                }, cancellationToken);
                return new RefundResult(RefundOutcome.Refunded);
            case RefundAnswerKind.Refused:
                await UpdateAsync(orderId, o =>
                {
                    var current = o.Legs.Single(l => l.Id == legId);
                    if (current.PendingCall(RefundOperation) is { } call && call.IdempotencyKey == key)
                    {
                        PaymentLeg.CompleteCall(call, answer.ErrorCode!, Now);
                    }
                }, cancellationToken);
                return new RefundResult(RefundOutcome.Refused, answer.ErrorCode);
            default:
                return new RefundResult(RefundOutcome.OutcomeUnknown);
        }
    }

    private static RefundResult? Settled(PaymentLeg leg) => leg.State switch
    {
        LegState.Refunded => new RefundResult(RefundOutcome.AlreadyRefunded),
        LegState.Captured => null,
        _ => new RefundResult(RefundOutcome.NotCaptured),
    };

    /// <summary>Two clicks may write the same order at once: the loser reloads and sees the winner's call.</summary>
    private async Task UpdateAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await orders.UpdateAsync(orderId, change, cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrentWriteAttempts)
            {
            }
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund of order {OrderNumber} {LegKind} leg: {Answer} {ErrorCode} (idempotency key {IdempotencyKey})")]
    private static partial void LogAnswer(ILogger logger, string orderNumber, LegKind legKind, RefundAnswerKind answer, string errorCode, string idempotencyKey);
}
