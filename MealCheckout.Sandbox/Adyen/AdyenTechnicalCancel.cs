using System.Text.Json;

namespace MealCheckout.Sandbox.Adyen;

/// <summary>
/// Adyen's technical cancel (POST /cancels): the merchant cancels by its own payment reference a
/// payment whose answer it never received. Every authorised payment with that reference is cancelled,
/// and so is one arriving after the cancel; the answer is "received", the outcome a CANCELLATION webhook.
/// </summary>
internal sealed partial class AdyenCheckoutEndpoints
{
    private AdyenAnswer CancelByReference(JsonElement body, Uri app)
    {
        var paymentReference = Str(body, "paymentReference");
        if (paymentReference.Length == 0)
        {
            return AdyenAnswer.Error(422, "100", "Required field 'paymentReference' is not provided.");
        }
        lock (ledger.Gate)
        {
            ledger.CancelReference(paymentReference);
            foreach (var payment in ledger.Payments.Where(p => p.MerchantReference == paymentReference))
            {
                CancelIfTechnicallyCancelled(payment, app);
            }
        }
        return AdyenAnswer.Ok(new
        {
            merchantAccount = Settings.MerchantAccount,
            paymentReference,
            pspReference = AdyenLedger.NewPspReference(),
            reference = Str(body, "reference"),
            status = "received",
        }, 201);
    }

    private void CancelIfTechnicallyCancelled(AdyenPayment payment, Uri app)
    {
        if (payment.Status == "authorised" && ledger.IsReferenceCancelled(payment.MerchantReference))
        {
            ledger.Cancel(payment);
            Notify(app, "CANCELLATION", true, payment, payment.AuthorisedAmount);
        }
    }
}
