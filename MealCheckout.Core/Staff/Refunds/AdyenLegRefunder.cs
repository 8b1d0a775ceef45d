using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>
/// Bank cards: a refund, whole or part, of the captured payment on the Adyen-style API. CONECS voucher
/// payments go through the same API but cannot be refunded there (<see cref="IssuerRefundRules"/>).
/// </summary>
public sealed class AdyenLegRefunder(AdyenCheckoutClient adyen) : ILegRefunder
{
    public bool Handles(PaymentLeg leg) => leg.Kind == LegKind.Card;

    public async Task<RefundAnswer> RefundAsync(string orderNumber, PaymentLeg leg, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refunded = await LegCalls.ReplayOnceAsync(() =>
                adyen.RefundAsync(leg.ProviderReference!, orderNumber + "-refund", amount, idempotencyKey, cancellationToken));
            return refunded is null ? RefundAnswer.Unknown : RefundAnswer.Accepted(refunded.PspReference);
        }
        catch (ProviderErrorException ex)
        {
            return RefundAnswer.Refused(ex.ErrorCode);
        }
    }
}
