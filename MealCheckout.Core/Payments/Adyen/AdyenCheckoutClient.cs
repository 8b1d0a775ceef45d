using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace MealCheckout.Core.Payments.Adyen;

/// <summary>
/// Typed client of the Adyen-style Checkout API. Every POST carries the idempotency key the
/// caller persisted beforehand; the client never invents one, so a retry can never double-charge.
/// Refusals come back as results (resultCode), provider errors as <see cref="ProviderErrorException"/>,
/// and anything that leaves the outcome open as <see cref="ProviderOutcomeUnknownException"/>.
/// </summary>
public sealed partial class AdyenCheckoutClient(HttpClient http, IOptions<AdyenOptions> options, IProviderAddressResolver addresses, ILogger<AdyenCheckoutClient> logger)
{
    private const string Provider = "Adyen";
    private readonly AdyenOptions settings = options.Value;

    private ResiliencePipeline Pipeline => field ??= ProviderResilience.Pipeline(settings.TimeoutSeconds);

    public Task<PaymentMethodsResponse> GetPaymentMethodsAsync(CancellationToken cancellationToken) =>
        PostAsync("paymentMethods", new PaymentMethodsRequest(settings.MerchantAccount, "FR"), AdyenJsonContext.Default.PaymentMethodsRequest, AdyenJsonContext.Default.PaymentMethodsResponse, null, cancellationToken);

    public Task<BalanceResponse> GetBalanceAsync(PaymentCard card, string reference, CancellationToken cancellationToken) =>
        PostAsync("paymentMethods/balance", new BalanceRequest(settings.MerchantAccount, AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, card, withCvc: false), reference, null),
            AdyenJsonContext.Default.BalanceRequest, AdyenJsonContext.Default.BalanceResponse, null, cancellationToken);

    public Task<CreateOrderResponse> CreateOrderAsync(string reference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("orders", new CreateOrderRequest(settings.MerchantAccount, reference, AdyenAmount.Eur(amount)),
            AdyenJsonContext.Default.CreateOrderRequest, AdyenJsonContext.Default.CreateOrderResponse, idempotencyKey, cancellationToken);

    public Task<CancelOrderResponse> CancelOrderAsync(AdyenOrderReference order, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("orders/cancel", new CancelOrderRequest(settings.MerchantAccount, order),
            AdyenJsonContext.Default.CancelOrderRequest, AdyenJsonContext.Default.CancelOrderResponse, idempotencyKey, cancellationToken);

    public Task<PaymentResponse> MakePaymentAsync(string reference, Money amount, AdyenPaymentMethod method, AdyenOrderReference? order, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync("payments", new PaymentRequest(settings.MerchantAccount, reference, AdyenAmount.Eur(amount), method, order),
            AdyenJsonContext.Default.PaymentRequest, AdyenJsonContext.Default.PaymentResponse, idempotencyKey, cancellationToken);

    public Task<ModificationResponse> CaptureAsync(string pspReference, string reference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        ModifyAsync(pspReference, "captures", reference, amount, idempotencyKey, cancellationToken);

    public Task<ModificationResponse> CancelAsync(string pspReference, string reference, string idempotencyKey, CancellationToken cancellationToken) =>
        ModifyAsync(pspReference, "cancels", reference, null, idempotencyKey, cancellationToken);

    public Task<ModificationResponse> RefundAsync(string pspReference, string reference, Money amount, string idempotencyKey, CancellationToken cancellationToken) =>
        ModifyAsync(pspReference, "refunds", reference, amount, idempotencyKey, cancellationToken);

    private Task<ModificationResponse> ModifyAsync(string pspReference, string action, string reference, Money? amount, string idempotencyKey, CancellationToken cancellationToken) =>
        PostAsync($"payments/{Uri.EscapeDataString(pspReference)}/{action}", new ModificationRequest(settings.MerchantAccount, reference, amount is { } a ? AdyenAmount.Eur(a) : null),
            AdyenJsonContext.Default.ModificationRequest, AdyenJsonContext.Default.ModificationResponse, idempotencyKey, cancellationToken);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // Without a key a write must not be retried; reads (paymentMethods, balance) are safe either way.
        var replayable = idempotencyKey is not null || path is "paymentMethods" or "paymentMethods/balance";
        var watch = Stopwatch.StartNew();
        try
        {
            var result = await Pipeline.ExecuteAsync(async token => await SendOnceAsync(path, body, requestType, responseType, idempotencyKey, replayable, token), cancellationToken);
            LogCall(logger, path, 200, "", watch.ElapsedMilliseconds, idempotencyKey ?? "");
            return result;
        }
        catch (TransientProviderException ex)
        {
            LogCall(logger, path, ex.Status, "unknown", watch.ElapsedMilliseconds, idempotencyKey ?? "");
            throw new ProviderOutcomeUnknownException(Provider, path, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            LogCall(logger, path, 0, "timeout", watch.ElapsedMilliseconds, idempotencyKey ?? "");
            throw new ProviderOutcomeUnknownException(Provider, path, ex);
        }
        catch (ProviderErrorException ex)
        {
            LogCall(logger, path, ex.HttpStatus, ex.ErrorCode, watch.ElapsedMilliseconds, idempotencyKey ?? "");
            throw;
        }
    }

    private async Task<TResponse> SendOnceAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, string? idempotencyKey, bool replayable, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(addresses.Resolve(settings.BaseAddress), path))
        {
            Content = JsonContent.Create(body, requestType),
        };
        request.Headers.Add("X-API-Key", settings.ApiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Unknown(0, replayable, ex);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || status == 429)
            {
                throw Unknown(status, replayable, null);
            }
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    var error = await response.Content.ReadFromJsonAsync(AdyenJsonContext.Default.AdyenErrorResponse, cancellationToken);
                    throw new ProviderErrorException(Provider, path, status, error?.ErrorCode ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture), error?.Message);
                }
                return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
                    ?? throw new JsonException("Empty answer.");
            }
            catch (JsonException ex)
            {
                // A 2xx with garbage may hide a completed payment: the outcome is unknown.
                throw Unknown(status, replayable, ex);
            }
        }
    }

    private static Exception Unknown(int status, bool replayable, Exception? inner) =>
        replayable ? new TransientProviderException(status, inner) : new ProviderOutcomeUnknownException(Provider, "write without idempotency key", inner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adyen {Path} answered {Status} {ErrorCode} in {ElapsedMs} ms (idempotency key {IdempotencyKey})")]
    private static partial void LogCall(ILogger logger, string path, int status, string errorCode, long elapsedMs, string idempotencyKey);
}
