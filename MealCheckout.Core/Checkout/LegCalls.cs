using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// The bookkeeping around one provider call on a leg, the same for every provider: the call and
/// its idempotency key are saved before sending, completed with the provider's outcome after.
/// </summary>
public sealed class LegCalls(IOrderStore orders, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Reuses the key of a call of this operation left pending (a crash, a lost answer), or records a new one.</summary>
    /// <param name="newKey">The provider's key format (Edenred's tstamp); a random key when null.</param>
    public async Task<(Order Order, PaymentLeg Leg, string Key)> BeginAsync(Guid orderId, Guid legId, string operation, Func<DateTimeOffset, string>? newKey, CancellationToken cancellationToken)
    {
        var key = "";
        var order = await orders.UpdateAsync(orderId, o =>
        {
            var leg = o.Legs.Single(l => l.Id == legId);
            key = (leg.PendingCall(operation) ?? leg.BeginCall(operation, Now, newKey?.Invoke(Now))).IdempotencyKey;
        }, cancellationToken);
        return (order, order.Legs.Single(l => l.Id == legId), key);
    }

    public Task<Order> CompleteAsync(Guid orderId, Guid legId, string operation, string outcome, Action<PaymentLeg> move, CancellationToken cancellationToken) =>
        orders.UpdateAsync(orderId, Completion(legId, operation, outcome, move), cancellationToken);

    /// <summary>
    /// Completes the call as <see cref="CompleteAsync"/> does, but commits it with the checkout's next step (or at its
    /// end): one transaction fewer per step. Only where every path on to the next provider call on this order commits
    /// first. Until then a crash leaves the call pending, and the reconciler replays it with its key, which answers as before.
    /// </summary>
    public Task<Order> CompleteWithNextStepAsync(Guid orderId, Guid legId, string operation, string outcome, Action<PaymentLeg> move, CancellationToken cancellationToken) =>
        orders.StageAsync(orderId, Completion(legId, operation, outcome, move), cancellationToken);

    private Action<Order> Completion(Guid legId, string operation, string outcome, Action<PaymentLeg> move) => o =>
    {
        var leg = o.Legs.Single(l => l.Id == legId);
        PaymentLeg.CompleteCall(leg.PendingCall(operation)!, outcome, Now);
        move(leg);
    };

    /// <summary>
    /// Sends a call; if its answer is lost, replays it once with the same idempotency key, which
    /// returns the first answer instead of acting again. Null when the outcome is still unknown,
    /// including when the replay is refused: only the first call's answer says what happened.
    /// </summary>
    public static async Task<T?> ReplayOnceAsync<T>(Func<Task<T>> call) where T : class
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
            catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException)
            {
                return null;
            }
        }
    }
}
