using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Staff.Detail;
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

    /// <summary>The leg's issuer does not allow this (a CONECS voucher refund, a part of an Edenred leg): nothing was sent.</summary>
    NotAvailableForIssuer,

    /// <summary>The amount is zero or more than the leg (or the card carrying it) still holds: nothing was sent.</summary>
    AmountTooHigh,

    /// <summary>A voucher authorisation was released before capture.</summary>
    Cancelled,

    /// <summary>Money given back for a CONECS voucher leg was recorded.</summary>
    Compensated,

    /// <summary>The provider said no; its error code is in <see cref="RefundResult.ProviderCode"/>.</summary>
    Refused,

    /// <summary>The answer was lost: trying again replays the same request and cannot refund twice.</summary>
    OutcomeUnknown,

    NotFound,

    /// <summary>The person asking may not refund: only managers may.</summary>
    NotAllowed,

    /// <summary>This manager started too many refund actions in the last minute.</summary>
    TooManyAttempts,
}

/// <param name="Amount">The money given back by this action, when it gave any.</param>
public sealed record RefundResult(RefundOutcome Outcome, string? ProviderCode = null, Money Amount = default)
{
    public bool LegIsRefunded => Outcome is RefundOutcome.Refunded or RefundOutcome.AlreadyRefunded;

    /// <summary>The action did what the manager asked (or had already done it).</summary>
    public bool Succeeded => LegIsRefunded || Outcome is RefundOutcome.Cancelled or RefundOutcome.Compensated;
}

/// <summary>
/// A manager gives a leg's money back as its issuer allows (<see cref="IssuerRefundRules"/>): a card
/// leg in full or in parts, an Edenred leg in full, a CONECS voucher leg on the card leg or as a
/// recorded compensation, a voucher authorisation released before capture. Anything else is refused
/// here, whatever the page showed. Each refund call and its idempotency key are saved with the order
/// before the provider is called; a double click, a concurrent click or a retry after a lost answer
/// reuses that key, so the provider refunds once, and refunds of a leg never add up past its capture.
/// </summary>
public sealed partial class LegRefunds(
    IOrderStore orders, IEnumerable<ILegRefunder> refunders, LegSettlement settlement, RefundAttemptLimiter limiter, TimeProvider time, ILogger<LegRefunds> logger)
{
    public const string RefundOperation = "refund";
    private const int ConcurrentWriteAttempts = 5;

    /// <summary>Refunds all the leg still holds, as the issuer allows.</summary>
    public Task<RefundResult> RefundAsync(Guid orderId, Guid legId, string refundedBy, CancellationToken cancellationToken = default) =>
        LimitedAsync(refundedBy, () => RefundLegAsync(orderId, legId, null, null, refundedBy, null, cancellationToken));

    /// <summary>Carries out what the manager confirmed in the refund dialog.</summary>
    public Task<RefundResult> DecideAsync(RefundDecision decision, string decidedBy, CancellationToken cancellationToken = default) =>
        LimitedAsync(decidedBy, () => decision.Action switch
        {
            RefundAction.Refund => RefundLegAsync(decision.OrderId, decision.LegId, decision.Amount, decision.RequestId, decidedBy, null, cancellationToken),
            RefundAction.CancelAuthorisation => CancelAuthorisationAsync(decision.OrderId, decision.LegId, decidedBy, cancellationToken),
            RefundAction.GiveBackOnCard => GiveBackOnCardAsync(decision, decidedBy, cancellationToken),
            RefundAction.Compensate => CompensateAsync(decision, decidedBy, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.Action, "Unknown refund action."),
        });

    private async Task<RefundResult> LimitedAsync(string manager, Func<Task<RefundResult>> action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manager);
        return await limiter.TryStartAsync(manager) ? await action() : new RefundResult(RefundOutcome.TooManyAttempts);
    }

    /// <param name="amount">Null for all the leg still holds.</param>
    /// <param name="requestId">The manager's request, used as the idempotency key of a card refund; null reuses a refund left pending.</param>
    /// <param name="onBehalfOf">The CONECS voucher leg whose money a card refund gives back, named in the timeline.</param>
    private async Task<RefundResult> RefundLegAsync(Guid orderId, Guid legId, Money? amount, Guid? requestId, string refundedBy, PaymentLeg? onBehalfOf, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        var leg = order?.Legs.SingleOrDefault(l => l.Id == legId);
        if (order is null || leg is null)
        {
            return new RefundResult(RefundOutcome.NotFound);
        }
        var way = IssuerRefundRules.ChoiceFor(order, leg).Way;
        if (way is not (RefundWay.RefundAnyAmount or RefundWay.RefundInFull or RefundWay.None) || (way == RefundWay.RefundInFull && amount is { } part && part != leg.CapturedAmount))
        {
            return new RefundResult(RefundOutcome.NotAvailableForIssuer);
        }
        var refunder = refunders.FirstOrDefault(r => r.Handles(leg));
        if (refunder is null)
        {
            return new RefundResult(RefundOutcome.NotAvailableForIssuer);
        }
        // An Edenred leg is refunded once and whole: its state, not a request id, tells a second click.
        var key = way == RefundWay.RefundAnyAmount ? requestId?.ToString("N") : null;

        ProviderCall? call = null;
        RefundResult? early = null;
        await UpdateAsync(orderId, o =>
        {
            var current = o.Legs.Single(l => l.Id == legId);
            (call, early) = CallFor(current, amount, key, refunder);
        }, cancellationToken);
        if (early is not null)
        {
            return early;
        }
        if (call!.IsCompleted)
        {
            return Answered(call);
        }

        var sent = call.Amount ?? leg.CapturedAmount;
        var answer = await refunder.RefundAsync(order.Number, leg, sent, call.IdempotencyKey, cancellationToken);
        LogAnswer(logger, order.Number, leg.Kind, sent.Cents, answer.Kind, answer.ErrorCode ?? "", call.IdempotencyKey);
        if (answer.Kind == RefundAnswerKind.Unknown)
        {
            return new RefundResult(RefundOutcome.OutcomeUnknown);
        }
        var reason = onBehalfOf is null
            ? $"refunded by {refundedBy} ({answer.ProviderReference})"
            : $"refunded by {refundedBy} for {LegLabel.Of(onBehalfOf)} ({answer.ProviderReference})";
        await UpdateAsync(orderId, o =>
        {
            var current = o.Legs.Single(l => l.Id == legId);
            if (current.Calls.SingleOrDefault(c => c.Id == call.Id) is not { IsCompleted: false } pending)
            {
                return; // a concurrent click with the same key recorded the answer first
            }
            PaymentLeg.CompleteCall(pending, answer.Kind == RefundAnswerKind.Accepted ? "ok " + answer.ProviderReference : answer.ErrorCode!, Now);
            if (answer.Kind == RefundAnswerKind.Accepted && current.State == LegState.Captured && sent <= current.Refundable)
            {
                current.RefundedPart(sent, Now, reason);
            }
        }, cancellationToken);
        return answer.Kind == RefundAnswerKind.Accepted
            ? new RefundResult(RefundOutcome.Refunded, Amount: sent)
            : new RefundResult(RefundOutcome.Refused, answer.ErrorCode);
    }

    /// <summary>
    /// The refund call to send: the same request again when its key is known or a whole-leg refund is
    /// pending, else a new call for an amount that, with the refunds still in flight, fits what the leg holds.
    /// </summary>
    private (ProviderCall? Call, RefundResult? Early) CallFor(PaymentLeg leg, Money? amount, string? key, ILegRefunder refunder)
    {
        var refunds = leg.Calls.Where(c => c.Operation == RefundOperation).ToList();
        if (key is not null && refunds.SingleOrDefault(c => c.IdempotencyKey == key) is { } same)
        {
            return (same, null);
        }
        if (leg.State == LegState.Refunded)
        {
            return (null, new RefundResult(RefundOutcome.AlreadyRefunded));
        }
        if (leg.State != LegState.Captured)
        {
            return (null, new RefundResult(RefundOutcome.NotCaptured));
        }
        if (key is null && leg.PendingCall(RefundOperation) is { } pending)
        {
            return (pending, null);
        }
        var inFlight = refunds.Where(c => !c.IsCompleted).Aggregate(Money.Zero, (sum, c) => sum + (c.Amount ?? leg.Refundable));
        var free = leg.Refundable > inFlight ? leg.Refundable - inFlight : Money.Zero;
        var asked = amount ?? free;
        if (asked.IsZero || asked > free)
        {
            return (null, new RefundResult(RefundOutcome.AmountTooHigh));
        }
        return (leg.BeginCall(RefundOperation, Now, key ?? refunder.NewIdempotencyKey(Now), asked), null);
    }

    private static RefundResult Answered(ProviderCall call) => call.Outcome!.StartsWith("ok", StringComparison.Ordinal)
        ? new RefundResult(RefundOutcome.AlreadyRefunded, Amount: call.Amount ?? Money.Zero)
        : new RefundResult(RefundOutcome.Refused, call.Outcome);

    /// <summary>A voucher authorisation that was never captured is released with its provider, never refunded.</summary>
    private async Task<RefundResult> CancelAuthorisationAsync(Guid orderId, Guid legId, string cancelledBy, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        var leg = order?.Legs.SingleOrDefault(l => l.Id == legId);
        if (order is null || leg is null)
        {
            return new RefundResult(RefundOutcome.NotFound);
        }
        if (IssuerRefundRules.ChoiceFor(order, leg).Way != RefundWay.CancelAuthorisation)
        {
            return new RefundResult(leg.State == LegState.Captured ? RefundOutcome.NotAvailableForIssuer : RefundOutcome.NotCaptured);
        }
        try
        {
            return await settlement.CancelAsync(orderId, leg, $"cancelled by {cancelledBy}", cancellationToken)
                ? new RefundResult(RefundOutcome.Cancelled, Amount: leg.AuthorisedAmount)
                : new RefundResult(RefundOutcome.OutcomeUnknown);
        }
        catch (ProviderErrorException ex)
        {
            return new RefundResult(RefundOutcome.Refused, ex.ErrorCode);
        }
    }

    /// <summary>
    /// A CONECS voucher leg's money refunded on the order's card leg, at most what the voucher leg took
    /// and what the card still holds; then recorded against the voucher leg under the same request.
    /// </summary>
    private async Task<RefundResult> GiveBackOnCardAsync(RefundDecision decision, string refundedBy, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(decision.OrderId, cancellationToken);
        var voucher = order?.Legs.SingleOrDefault(l => l.Id == decision.LegId);
        if (order is null || voucher is null)
        {
            return new RefundResult(RefundOutcome.NotFound);
        }
        if (order.Compensations.Any(c => c.Id == decision.RequestId))
        {
            return new RefundResult(RefundOutcome.AlreadyRefunded, Amount: decision.Amount);
        }
        var choice = IssuerRefundRules.ChoiceFor(order, voucher);
        if (choice is not { Way: RefundWay.GiveBackElsewhere, CardLeg: { } card })
        {
            return new RefundResult(RefundOutcome.NotAvailableForIssuer);
        }
        var replay = card.Calls.Any(c => c.IdempotencyKey == decision.RequestId.ToString("N"));
        if (!replay && (decision.Amount.IsZero || decision.Amount > choice.OnCardAtMost))
        {
            return new RefundResult(RefundOutcome.AmountTooHigh);
        }
        var refund = await RefundLegAsync(order.Id, card.Id, decision.Amount, decision.RequestId, refundedBy, voucher, cancellationToken);
        if (refund.LegIsRefunded)
        {
            await UpdateAsync(order.Id, o => o.RecordCompensation(decision.RequestId, voucher.Id, decision.Amount, CompensationWay.OnCardLeg,
                $"refunded on {LegLabel.Of(card)}", refundedBy, Now), cancellationToken);
        }
        return refund;
    }

    /// <summary>Money given back for a CONECS voucher leg outside the platform, recorded with who and why.</summary>
    private async Task<RefundResult> CompensateAsync(RefundDecision decision, string recordedBy, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(decision.OrderId, cancellationToken);
        var voucher = order?.Legs.SingleOrDefault(l => l.Id == decision.LegId);
        if (order is null || voucher is null)
        {
            return new RefundResult(RefundOutcome.NotFound);
        }
        if (order.Compensations.Any(c => c.Id == decision.RequestId))
        {
            return new RefundResult(RefundOutcome.Compensated, Amount: decision.Amount);
        }
        var choice = IssuerRefundRules.ChoiceFor(order, voucher);
        if (choice.Way != RefundWay.GiveBackElsewhere)
        {
            return new RefundResult(RefundOutcome.NotAvailableForIssuer);
        }
        if (decision.Amount.IsZero || decision.Amount > choice.AtMost)
        {
            return new RefundResult(RefundOutcome.AmountTooHigh);
        }
        if (string.IsNullOrWhiteSpace(decision.Reason) || decision.Reason.Trim().Length > Compensation.MaxReasonLength)
        {
            throw new ArgumentException("A compensation needs a reason of at most 300 characters.", nameof(decision));
        }
        try
        {
            await UpdateAsync(order.Id, o => o.RecordCompensation(decision.RequestId, voucher.Id, decision.Amount, CompensationWay.OffPlatform, decision.Reason, recordedBy, Now), cancellationToken);
        }
        catch (ArgumentOutOfRangeException)
        {
            return new RefundResult(RefundOutcome.AmountTooHigh); // another manager recorded one meanwhile
        }
        LogCompensation(logger, order.Number, decision.Amount.Cents, recordedBy);
        return new RefundResult(RefundOutcome.Compensated, Amount: decision.Amount);
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund of order {OrderNumber} {LegKind} leg, {AmountCents} cents: {Answer} {ErrorCode} (idempotency key {IdempotencyKey})")]
    private static partial void LogAnswer(ILogger logger, string orderNumber, LegKind legKind, long amountCents, RefundAnswerKind answer, string errorCode, string idempotencyKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Compensation of {AmountCents} cents recorded for order {OrderNumber} by {RecordedBy}")]
    private static partial void LogCompensation(ILogger logger, string orderNumber, long amountCents, string recordedBy);
}
