using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>Bank cards and CONECS voucher cards: a refund of the captured payment on the Adyen-style API.</summary>
public sealed class AdyenLegRefunder(AdyenCheckoutClient adyen) : ILegRefunder
{
    public bool Handles(PaymentLeg leg) => leg.Kind == LegKind.Card || leg.Issuer is not (null or VoucherIssuer.Edenred);

    public async Task<RefundAnswer> RefundAsync(string orderNumber, PaymentLeg leg, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refunded = await LegCalls.ReplayOnceAsync(() =>
                adyen.RefundAsync(leg.ProviderReference!, orderNumber + "-refund", leg.CapturedAmount, idempotencyKey, cancellationToken));
            return refunded is null ? RefundAnswer.Unknown : RefundAnswer.Accepted(refunded.PspReference);
        }
        catch (ProviderErrorException ex)
        {
            return RefundAnswer.Refused(ex.ErrorCode);
        }
    }
}
