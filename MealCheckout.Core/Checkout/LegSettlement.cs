using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Captures or releases whatever an order holds, leg by leg, each through its own provider
/// (Edenred vouchers through the Direct Payment API, CONECS vouchers and bank cards through Adyen).
/// Shared by both checkouts and the reconciler.
/// </summary>
public sealed class LegSettlement(IOrderStore orders, AdyenLegActions adyen, EdenredLegActions edenred, TimeProvider time)
{
    /// <summary>Every authorised leg captured, voucher first; false if an answer was lost (the reconciler finishes it).</summary>
    public async Task<bool> CaptureAllAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = (await orders.FindAsync(orderId, cancellationToken))!;
        foreach (var leg in order.Legs.Where(l => l.State == LegState.Authorized).OrderBy(l => l.Kind).ToList())
        {
            if (!await CaptureAsync(orderId, leg, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Every authorisation released and every leg never sent dropped; false if an answer was lost.</summary>
    public async Task<bool> ReleaseAllAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        var order = (await orders.FindAsync(orderId, cancellationToken))!;
        foreach (var leg in order.Legs.Where(l => l.State == LegState.Authorized).ToList())
        {
            if (!await CancelAsync(orderId, leg, reason, cancellationToken))
            {
                return false;
            }
        }
        await DropUnsentAsync(orderId, reason, cancellationToken);
        return true;
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
}
