using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Captures or releases whatever an order holds, leg by leg, each through its own provider
/// (Edenred vouchers through the Direct Payment API, CONECS vouchers and bank cards through Adyen).
/// Shared by both checkouts and the reconciler. Money only moves one way: a card is captured only
/// once its voucher is known captured, and a release never stops at the first leg that fails.
/// </summary>
public sealed class LegSettlement(IOrderStore orders, AdyenLegActions adyen, EdenredLegActions edenred, TimeProvider time)
{
    /// <summary>
    /// Every authorised leg captured, vouchers first; false if an answer was lost or a voucher turned out
    /// not captured (then no card is captured: the reconciler releases it). An Edenred refusal to capture
    /// the voucher is rethrown, nothing having been taken; a card capture refused after the voucher was
    /// taken returns false, to be retried rather than released.
    /// </summary>
    public async Task<bool> CaptureAllAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = (await orders.FindAsync(orderId, cancellationToken))!;
        foreach (var leg in order.Legs.Where(l => l.State == LegState.Authorized).OrderBy(l => l.Kind).ToList())
        {
            if (leg.Kind == LegKind.Card && !VouchersCaptured((await orders.FindAsync(orderId, cancellationToken))!))
            {
                return false;
            }
            try
            {
                if (!await CaptureAsync(orderId, leg, cancellationToken))
                {
                    return false;
                }
            }
            catch (ProviderErrorException) when (leg.Kind == LegKind.Card || leg.Issuer != VoucherIssuer.Edenred)
            {
                return false; // the authorisation still stands: capturing it again later is the only way forward
            }
        }
        return VouchersCaptured((await orders.FindAsync(orderId, cancellationToken))!);
    }

    /// <summary>
    /// Every authorisation released and every leg never sent dropped; false if any release is not
    /// confirmed (an answer lost, or refused): the others are released all the same.
    /// </summary>
    public async Task<bool> ReleaseAllAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        var allReleased = await CancelAuthorisedAsync(orderId, reason, cancellationToken);
        await DropUnsentAsync(orderId, reason, cancellationToken);
        return allReleased;
    }

    /// <summary>Cancels every authorised leg, each tried even when another fails; false if any release is not confirmed.</summary>
    public async Task<bool> CancelAuthorisedAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        var order = (await orders.FindAsync(orderId, cancellationToken))!;
        var allReleased = true;
        foreach (var leg in order.Legs.Where(l => l.State == LegState.Authorized).ToList())
        {
            try
            {
                allReleased &= await CancelAsync(orderId, leg, reason, cancellationToken);
            }
            catch (ProviderErrorException)
            {
                allReleased = false; // the provider refused this release: retried later, the other legs are released now
            }
        }
        return allReleased;
    }

    /// <summary>Legs whose payment was never sent hold nothing: they are simply dropped.</summary>
    public Task DropUnsentAsync(Guid orderId, string reason, CancellationToken cancellationToken) =>
        orders.UpdateAsync(orderId, o =>
        {
            foreach (var leg in o.Legs.Where(l => l.State is LegState.Planned or LegState.Authorizing && l.ProviderReference is null))
            {
                leg.Cancelled(time.GetUtcNow(), reason);
            }
        }, cancellationToken);

    public Task<bool> CancelAsync(Guid orderId, PaymentLeg leg, string reason, CancellationToken cancellationToken) =>
        leg.Issuer == VoucherIssuer.Edenred
            ? edenred.CancelAsync(orderId, leg.Id, reason, cancellationToken)
            : adyen.CancelAsync(orderId, leg.Id, reason, cancellationToken);

    public Task<bool> CaptureAsync(Guid orderId, PaymentLeg leg, CancellationToken cancellationToken) =>
        leg.Issuer == VoucherIssuer.Edenred
            ? edenred.CaptureAsync(orderId, leg.Id, cancellationToken)
            : adyen.CaptureAsync(orderId, leg.Id, cancellationToken);

    /// <summary>Every voucher leg is known captured: only then may a card be taken.</summary>
    public static bool VouchersCaptured(Order order) =>
        order.Legs.Where(l => l.Kind == LegKind.Voucher).All(l => l.State is LegState.Captured or LegState.Refunded);
}
