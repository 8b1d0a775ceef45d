using Refit;

namespace MealCheckout.Core.Payments.Adyen;

/// <summary>
/// The Adyen-style Checkout API as Refit generates it. Every write takes the idempotency key the
/// caller persisted before the call; the X-API-Key travels as a default header of the client.
/// </summary>
public interface IAdyenCheckoutApi
{
    const string IdempotencyKeyHeader = "Idempotency-Key";

    [Post("/paymentMethods")]
    Task<PaymentMethodsResponse> PaymentMethodsAsync([Body] PaymentMethodsRequest request, CancellationToken cancellationToken);

    [Post("/paymentMethods/balance")]
    Task<BalanceResponse> BalanceAsync([Body] BalanceRequest request, CancellationToken cancellationToken);

    [Post("/orders")]
    Task<CreateOrderResponse> CreateOrderAsync([Body] CreateOrderRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);

    [Post("/orders/cancel")]
    Task<CancelOrderResponse> CancelOrderAsync([Body] CancelOrderRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);

    [Post("/payments")]
    Task<PaymentResponse> PaymentsAsync([Body] PaymentRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);

    [Post("/payments/{pspReference}/captures")]
    Task<ModificationResponse> CaptureAsync(string pspReference, [Body] ModificationRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);

    [Post("/payments/{pspReference}/cancels")]
    Task<ModificationResponse> CancelAsync(string pspReference, [Body] ModificationRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Adyen's technical cancel: by the merchant's own payment reference, for a payment whose answer never came.</summary>
    [Post("/cancels")]
    Task<TechnicalCancelResponse> TechnicalCancelAsync([Body] TechnicalCancelRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);

    [Post("/payments/{pspReference}/refunds")]
    Task<ModificationResponse> RefundAsync(string pspReference, [Body] ModificationRequest request, [Header(IdempotencyKeyHeader)] string idempotencyKey, CancellationToken cancellationToken);
}
