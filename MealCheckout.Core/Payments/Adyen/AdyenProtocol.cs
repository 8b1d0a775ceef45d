using System.Globalization;
using System.Text.Json;

namespace MealCheckout.Core.Payments.Adyen;

/// <summary>
/// How the Adyen-style API answers: a 5xx or 429 proves nothing, a 4xx carries Adyen's error body
/// (errorCode, message), and a refusal of the payment itself is a 200 with its resultCode.
/// </summary>
internal sealed class AdyenProtocol : ProviderProtocol
{
    public static readonly AdyenProtocol Instance = new();

    // POSTs that only ask: the methods on offer, a voucher card's balance.
    private static readonly HashSet<string> Reads = [nameof(IAdyenCheckoutApi.PaymentMethodsAsync), nameof(IAdyenCheckoutApi.BalanceAsync)];

    public override string Provider => "Adyen";

    public override bool IsRead(HttpRequestMessage request) => ProviderRequest.Method(request) is { } method && Reads.Contains(method);

    public override string? IdempotencyKey(HttpRequestMessage request) =>
        request.Headers.TryGetValues(IAdyenCheckoutApi.IdempotencyKeyHeader, out var values) ? values.FirstOrDefault() : null;

    public override ProviderAnswer Judge(int status, ReadOnlySpan<byte> body, bool isRead)
    {
        if (status >= 500 || status == 429)
        {
            return ProviderAnswer.Unknown;
        }
        if (IsSuccess(status))
        {
            // A 2xx with garbage may hide a completed payment.
            return IsJson(body) ? ProviderAnswer.Success : ProviderAnswer.Unknown;
        }
        try
        {
            var error = JsonSerializer.Deserialize(body, AdyenJsonContext.Default.AdyenErrorResponse);
            return ProviderAnswer.Refused(error?.ErrorCode ?? status.ToString(CultureInfo.InvariantCulture), error?.Message);
        }
        catch (JsonException)
        {
            return ProviderAnswer.Unknown;
        }
    }
}
