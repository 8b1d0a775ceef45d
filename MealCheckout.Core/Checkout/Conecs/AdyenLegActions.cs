using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// The follow-up calls on an authorised Adyen payment — capture, cancel, cancel the whole
/// partial-payment order — each with its idempotency key saved before the call and the leg
/// moved after it. Shared by the checkout and the reconciler. Each returns false when the
/// provider's answer was lost twice (the leg stays as it was, to be retried later with the same key).
/// </summary>
public sealed class AdyenLegActions(IOrderStore orders, AdyenCheckoutClient adyen, TimeProvider time)
{
    public const string PaymentOperation = "payment";
    public const string OpenOrderOperation = "open-order";
    private const string CaptureOperation = "capture";
    private const string CancelOperation = "cancel";
    private const string CancelOrderOperation = "cancel-order";

    public async Task<bool> CaptureAsync(Guid orderId, Guid legId, CancellationToken cancellationToken)
    {
        var (order, leg, key) = await BeginAsync(orderId, legId, CaptureOperation, cancellationToken);
        var captured = await CallAsync(() => adyen.CaptureAsync(leg.ProviderReference!, order.Number, leg.AuthorisedAmount, key, cancellationToken));
        if (captured is null)
        {
            return false;
        }
        await CompleteAsync(orderId, legId, CaptureOperation, captured.Status, l => l.Captured(l.AuthorisedAmount, Now), cancellationToken);
        return true;
    }

    public async Task<bool> CancelAsync(Guid orderId, Guid legId, string reason, CancellationToken cancellationToken)
    {
        var (order, leg, key) = await BeginAsync(orderId, legId, CancelOperation, cancellationToken);
        var cancelled = await CallAsync(() => adyen.CancelAsync(leg.ProviderReference!, order.Number, key, cancellationToken));
        if (cancelled is null)
        {
            return false;
        }
        await CompleteAsync(orderId, legId, CancelOperation, cancelled.Status, l => l.Cancelled(Now, reason), cancellationToken);
        return true;
    }

    /// <summary>Cancels the Adyen partial-payment order, which rolls back every payment in it; the call is recorded on the leg that opened it.</summary>
    public async Task<bool> CancelOrderAsync(Guid orderId, Guid openingLegId, string reason, CancellationToken cancellationToken)
    {
        var (_, leg, key) = await BeginAsync(orderId, openingLegId, CancelOrderOperation, cancellationToken);
        var reference = new AdyenOrderReference(leg.ProviderOrderReference!, leg.ProviderOrderData!);
        var cancelled = await CallAsync(() => adyen.CancelOrderAsync(reference, key, cancellationToken));
        if (cancelled is null)
        {
            return false;
        }
        await orders.UpdateAsync(orderId, o =>
        {
            PaymentLeg.CompleteCall(o.Legs.Single(l => l.Id == openingLegId).PendingCall(CancelOrderOperation)!, cancelled.ResultCode, Now);
            foreach (var held in o.Legs.Where(l => l.State is LegState.Authorized or LegState.Authorizing))
            {
                held.Cancelled(Now, reason);
            }
        }, cancellationToken);
        return true;
    }

    /// <summary>
    /// Sends a call; if its answer is lost, replays it once with the same idempotency key, which
    /// returns the first answer instead of acting again. Null when the outcome is still unknown.
    /// </summary>
    public static async Task<T?> CallAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (ProviderOutcomeUnknownException)
        {
            try
            {
                return await call();
            }
            catch (ProviderOutcomeUnknownException)
            {
                return null;
            }
        }
    }

    /// <summary>Reuses the key of a call of this operation left pending (a crash, a lost answer), or records a new one.</summary>
    private async Task<(Order Order, PaymentLeg Leg, string Key)> BeginAsync(Guid orderId, Guid legId, string operation, CancellationToken cancellationToken)
    {
        string key = "";
        var order = await orders.UpdateAsync(orderId, o =>
        {
            var leg = o.Legs.Single(l => l.Id == legId);
            key = (leg.PendingCall(operation) ?? leg.BeginCall(operation, Now)).IdempotencyKey;
        }, cancellationToken);
        return (order, order.Legs.Single(l => l.Id == legId), key);
    }

    private Task CompleteAsync(Guid orderId, Guid legId, string operation, string outcome, Action<PaymentLeg> move, CancellationToken cancellationToken) =>
        orders.UpdateAsync(orderId, o =>
        {
            var leg = o.Legs.Single(l => l.Id == legId);
            PaymentLeg.CompleteCall(leg.PendingCall(operation)!, outcome, Now);
            move(leg);
        }, cancellationToken);

    private DateTimeOffset Now => time.GetUtcNow();
}
