using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>
/// Edenred voucher legs: a refund of the whole captured transaction (Edenred refuses partial
/// reversals). Only client credentials are needed, so staff refund long after the diner's login expired.
/// </summary>
public sealed class EdenredLegRefunder(EdenredClient edenred) : ILegRefunder
{
    public bool Handles(PaymentLeg leg) => leg.Kind == LegKind.Voucher && leg.Issuer == VoucherIssuer.Edenred;

    /// <summary>Edenred tells one write from another by its tstamp, so the refund's key is one.</summary>
    public string NewIdempotencyKey(DateTimeOffset now) => EdenredTstamp.New(now);

    public async Task<RefundAnswer> RefundAsync(string orderNumber, PaymentLeg leg, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refunded = await LegCalls.ReplayOnceAsync(() =>
                edenred.RefundAsync(leg.ProviderReference!, amount, idempotencyKey, cancellationToken));
            return refunded is null ? RefundAnswer.Unknown : RefundAnswer.Accepted(refunded.RefundId ?? refunded.AuthorizationId);
        }
        catch (ProviderErrorException ex)
        {
            return RefundAnswer.Refused(ex.ErrorCode);
        }
    }
}
