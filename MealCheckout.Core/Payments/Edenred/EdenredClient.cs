using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>
/// Typed client of Edenred's Direct Payment API (v2), manual capture. Every write carries the
/// <c>tstamp</c> the caller persisted beforehand (Edenred's idempotency key); the client never
/// invents one. Errors come back as <see cref="ProviderErrorException"/> with Edenred's own code
/// (401 means the diner's token must be refreshed), and a write whose answer was lost as
/// <see cref="ProviderOutcomeUnknownException"/>: the caller reads the transaction's status or
/// replays with the same tstamp, never sends a fresh write.
/// </summary>
public sealed partial class EdenredClient(HttpClient http, IOptions<EdenredOptions> options, IProviderAddressResolver addresses, ILogger<EdenredClient> logger)
{
    private const string Provider = "Edenred";
    public const string ManualCapture = "manual";
    private readonly EdenredOptions settings = options.Value;

    /// <summary>Reads are retried on answers that prove nothing; writes only on a rate-limit refusal (Edenred did nothing).</summary>
    private ResiliencePipeline Pipeline => field ??= ProviderResilience.Pipeline(settings.TimeoutSeconds);

    public Task<EdenredBalance> GetBalanceAsync(string username, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object, EdenredBalance>("balance", HttpMethod.Get, $"v2/users/{Uri.EscapeDataString(username)}", null, null,
            EdenredJsonContext.Default.EdenredEnvelopeEdenredBalance, accessToken, isRead: true, cancellationToken);

    /// <summary>How much of <paramref name="amount"/> the diner can spend now (the balance and Edenred's own daily limit).</summary>
    public Task<EdenredBalance> EstimateChargeAsync(string username, Money amount, string accessToken, CancellationToken cancellationToken) =>
        SendAsync("estimate-charge", HttpMethod.Post, $"v2/users/{Uri.EscapeDataString(username)}/actions/estimate-charge", new EstimateChargeRequest(amount.Cents),
            EdenredJsonContext.Default.EstimateChargeRequest, EdenredJsonContext.Default.EdenredEnvelopeEdenredBalance, accessToken, isRead: true, cancellationToken);

    /// <summary>Holds <paramref name="amount"/> on the diner's account (capture_mode manual) until captured or cancelled.</summary>
    public Task<EdenredTransaction> AuthorizeAsync(string orderRef, Money amount, string tstamp, string accessToken, CancellationToken cancellationToken) =>
        SendAsync("authorize", HttpMethod.Post, "v2/transactions", new AuthorizeRequest(orderRef, settings.Mid, amount.Cents, "EUR", ManualCapture, orderRef, tstamp),
            EdenredJsonContext.Default.AuthorizeRequest, EdenredJsonContext.Default.EdenredEnvelopeEdenredTransaction, accessToken, isRead: false, cancellationToken);

    /// <summary>Takes the full authorised amount. Client credentials alone: no diner token needed.</summary>
    public Task<EdenredTransaction> CaptureAsync(string authorizationId, Money authorisedAmount, string tstamp, CancellationToken cancellationToken) =>
        ActAsync(authorizationId, "capture", new TransactionActionRequest(authorisedAmount.Cents, tstamp, null), cancellationToken);

    /// <summary>Releases the full authorised amount. Client credentials alone.</summary>
    public Task<EdenredTransaction> CancelAsync(string authorizationId, Money authorisedAmount, string tstamp, CancellationToken cancellationToken) =>
        ActAsync(authorizationId, "cancel", new TransactionActionRequest(authorisedAmount.Cents, tstamp, null), cancellationToken);

    /// <summary>Gives back a captured payment; Edenred refunds the full captured amount only. Client credentials alone.</summary>
    public Task<EdenredTransaction> RefundAsync(string authorizationId, Money capturedAmount, string tstamp, CancellationToken cancellationToken) =>
        ActAsync(authorizationId, "refund", new TransactionActionRequest(capturedAmount.Cents, tstamp, ManualCapture), cancellationToken);

    /// <summary>Where a transaction stands: how a write whose answer was lost is resolved.</summary>
    public Task<EdenredTransaction> GetTransactionAsync(string authorizationId, CancellationToken cancellationToken) =>
        SendAsync<object, EdenredTransaction>("status", HttpMethod.Get, $"v2/transactions/{Uri.EscapeDataString(authorizationId)}", null, null,
            EdenredJsonContext.Default.EdenredEnvelopeEdenredTransaction, null, isRead: true, cancellationToken);

    private Task<EdenredTransaction> ActAsync(string authorizationId, string action, TransactionActionRequest body, CancellationToken cancellationToken) =>
        SendAsync(action, HttpMethod.Post, $"v2/transactions/{Uri.EscapeDataString(authorizationId)}/actions/{action}", body,
            EdenredJsonContext.Default.TransactionActionRequest, EdenredJsonContext.Default.EdenredEnvelopeEdenredTransaction, null, isRead: false, cancellationToken);

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation, HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<EdenredEnvelope<TResponse>> responseType, string? accessToken, bool isRead, CancellationToken cancellationToken)
        where TResponse : class
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await Pipeline.ExecuteAsync(async token => await SendOnceAsync(operation, method, path, body, requestType, responseType, accessToken, isRead, token), cancellationToken);
            LogCall(logger, operation, 200, "", watch.ElapsedMilliseconds);
            return result;
        }
        catch (TransientProviderException ex)
        {
            LogCall(logger, operation, ex.Status, "unknown", watch.ElapsedMilliseconds);
            throw new ProviderOutcomeUnknownException(Provider, operation, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            LogCall(logger, operation, 0, "timeout", watch.ElapsedMilliseconds);
            throw new ProviderOutcomeUnknownException(Provider, operation, ex);
        }
        catch (ProviderOutcomeUnknownException)
        {
            LogCall(logger, operation, 0, "unknown", watch.ElapsedMilliseconds);
            throw;
        }
        catch (ProviderErrorException ex)
        {
            LogCall(logger, operation, ex.HttpStatus, ex.ErrorCode, watch.ElapsedMilliseconds);
            throw;
        }
    }

    private async Task<TResponse> SendOnceAsync<TRequest, TResponse>(
        string operation, HttpMethod method, string path, TRequest? body, JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<EdenredEnvelope<TResponse>> responseType, string? accessToken, bool isRead, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var request = new HttpRequestMessage(method, new Uri(addresses.Resolve(settings.ApiBaseAddress), path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, requestType!);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("X-Client-Id", settings.PaymentClientId);
        request.Headers.Add("X-Client-Secret", settings.PaymentClientSecret);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw isRead ? new TransientProviderException(0, ex) : new ProviderOutcomeUnknownException(Provider, operation, ex);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            EdenredEnvelope<TResponse>? envelope;
            try
            {
                envelope = await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
            }
            catch (JsonException ex)
            {
                envelope = null;
                if (response.IsSuccessStatusCode)
                {
                    // A 2xx with garbage may hide a completed payment: the outcome is unknown.
                    throw isRead ? new TransientProviderException(status, ex) : new ProviderOutcomeUnknownException(Provider, operation, ex);
                }
            }
            var message = envelope?.Meta.Messages?.FirstOrDefault(m => m.Level is null or "error") ?? envelope?.Meta.Messages?.FirstOrDefault();
            if (status == 429 || (status >= 500 && (isRead || message?.Code is null or "INTERNAL_ERROR" or "BAD_GATEWAY")))
            {
                // Rate limited: Edenred did nothing, so even a write may go again. A server fault on a write may
                // have happened after the money moved; a business refusal answered with a 5xx (CARD_EXPIRED…) is definite.
                throw isRead || status == 429 ? new TransientProviderException(status, null) : new ProviderOutcomeUnknownException(Provider, operation);
            }
            if (!response.IsSuccessStatusCode || envelope?.Meta.Status != "succeeded")
            {
                throw new ProviderErrorException(Provider, operation, status, message?.Code ?? status.ToString(CultureInfo.InvariantCulture), message?.Text);
            }
            return envelope.Data ?? throw (isRead ? new TransientProviderException(status, null) : new ProviderOutcomeUnknownException(Provider, operation));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Edenred {Operation} answered {Status} {ErrorCode} in {ElapsedMs} ms")]
    private static partial void LogCall(ILogger logger, string operation, int status, string errorCode, long elapsedMs);
}
