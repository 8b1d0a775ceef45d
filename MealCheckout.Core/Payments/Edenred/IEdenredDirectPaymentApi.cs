using Refit;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>
/// Edenred's Direct Payment API (v2) as Refit generates it. X-Client-Id and X-Client-Secret travel
/// as default headers of the client; the diner's bearer only where Edenred wants it. A write's
/// <c>tstamp</c> (its idempotency key) is in its body and, for the transport, in a request property.
/// </summary>
[Headers("Accept: application/json")]
public interface IEdenredDirectPaymentApi
{
    [Get("/v2/users/{username}")]
    Task<EdenredEnvelope<EdenredBalance>> BalanceAsync(string username, [Authorize] string accessToken, CancellationToken cancellationToken);

    [Post("/v2/users/{username}/actions/estimate-charge")]
    Task<EdenredEnvelope<EdenredBalance>> EstimateChargeAsync(string username, [Body] EstimateChargeRequest request, [Authorize] string accessToken, CancellationToken cancellationToken);

    [Post("/v2/transactions")]
    Task<EdenredEnvelope<EdenredTransaction>> AuthorizeAsync(
        [Body] AuthorizeRequest request, [Authorize] string accessToken, [Property(ProviderRequest.IdempotencyKeyName)] string tstamp, CancellationToken cancellationToken);

    [Post("/v2/transactions/{authorizationId}/actions/capture")]
    Task<EdenredEnvelope<EdenredTransaction>> CaptureAsync(
        string authorizationId, [Body] TransactionActionRequest request, [Property(ProviderRequest.IdempotencyKeyName)] string tstamp, CancellationToken cancellationToken);

    [Post("/v2/transactions/{authorizationId}/actions/cancel")]
    Task<EdenredEnvelope<EdenredTransaction>> CancelAsync(
        string authorizationId, [Body] TransactionActionRequest request, [Property(ProviderRequest.IdempotencyKeyName)] string tstamp, CancellationToken cancellationToken);

    [Post("/v2/transactions/{authorizationId}/actions/refund")]
    Task<EdenredEnvelope<EdenredTransaction>> RefundAsync(
        string authorizationId, [Body] TransactionActionRequest request, [Property(ProviderRequest.IdempotencyKeyName)] string tstamp, CancellationToken cancellationToken);

    [Get("/v2/transactions/{authorizationId}")]
    Task<EdenredEnvelope<EdenredTransaction>> TransactionAsync(string authorizationId, CancellationToken cancellationToken);
}
