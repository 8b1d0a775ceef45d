using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Payments.Adyen;

/// <summary>
/// What the checkout asks of the Adyen-style Checkout API, in its own terms (money, card, order
/// reference), over the generated <see cref="IAdyenCheckoutApi"/>. Every POST carries the
/// idempotency key the caller persisted beforehand; the client never invents one, so a retry can
/// never double-charge. Refusals come back as results (resultCode), provider errors as
/// <see cref="ProviderErrorException"/>, and anything that leaves the outcome open as
/// <see cref="ProviderOutcomeUnknownException"/> (see <see cref="ProviderCallHandler"/>).
/// </summary>
public sealed class AdyenCheckoutClient
{
    private readonly Func<IAdyenCheckoutApi> api;
    private readonly AdyenOptions settings;

    public AdyenCheckoutClient(Func<IAdyenCheckoutApi> api, IOptions<AdyenOptions> options)
    {
        this.api = api;
        settings = options.Value;
    }

    public Task<PaymentMethodsResponse> GetPaymentMethodsAsync(CancellationToken cancellationToken) =>
        api().PaymentMethodsAsync(new PaymentMethodsRequest(settings.MerchantAccount, "FR"), cancellationToken);

    public Task<BalanceResponse> GetBalanceAsync(PaymentCard card, string reference, CancellationToken cancellationToken) =>
        api().BalanceAsync(new BalanceRequest(settings.MerchantAccount, AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, card, withCvc: false), reference, null), cancellationToken);

    public Task<CreateOrderResponse> CreateOrderAsync(string reference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        api().CreateOrderAsync(new CreateOrderRequest(settings.MerchantAccount, reference, AdyenAmount.Eur(amount)), idempotencyKey, cancellationToken);

    public Task<CancelOrderResponse> CancelOrderAsync(AdyenOrderReference order, string idempotencyKey, CancellationToken cancellationToken) =>
        api().CancelOrderAsync(new CancelOrderRequest(settings.MerchantAccount, order), idempotencyKey, cancellationToken);

    /// <param name="allowPartialAuthorisation">Lets the card's issuer authorise less than asked (<c>additionalData.allowPartialAuth</c>, answered <c>PartiallyAuthorised</c>).</param>
    public Task<PaymentResponse> MakePaymentAsync(string reference, Money amount, AdyenPaymentMethod method, AdyenOrderReference? order, string idempotencyKey, CancellationToken cancellationToken,
        bool allowPartialAuthorisation = false) =>
        api().PaymentsAsync(new PaymentRequest(settings.MerchantAccount, reference, AdyenAmount.Eur(amount), method, order)
        {
            AdditionalData = allowPartialAuthorisation ? new Dictionary<string, string> { ["allowPartialAuth"] = "true" } : null,
        }, idempotencyKey, cancellationToken);

    public Task<ModificationResponse> CaptureAsync(string pspReference, string reference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        api().CaptureAsync(pspReference, Modification(reference, amount), idempotencyKey, cancellationToken);

    public Task<ModificationResponse> CancelAsync(string pspReference, string reference, string idempotencyKey, CancellationToken cancellationToken) =>
        api().CancelAsync(pspReference, Modification(reference, null), idempotencyKey, cancellationToken);

    /// <summary>Cancels by our own reference whatever payment carries it, processed already or later (Adyen's POST /cancels).</summary>
    public Task<TechnicalCancelResponse> CancelByReferenceAsync(string paymentReference, string reference, string idempotencyKey, CancellationToken cancellationToken) =>
        api().TechnicalCancelAsync(new TechnicalCancelRequest(settings.MerchantAccount, paymentReference, reference), idempotencyKey, cancellationToken);

    public Task<ModificationResponse> RefundAsync(string pspReference, string reference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        api().RefundAsync(pspReference, Modification(reference, amount), idempotencyKey, cancellationToken);

    private ModificationRequest Modification(string reference, Money? amount) =>
        new(settings.MerchantAccount, reference, amount is { } a ? AdyenAmount.Eur(a) : null);
}
