using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>
/// How the Direct Payment API answers: every body is a meta/data envelope, success is a 2xx whose
/// meta says "succeeded" and that carries data, and an error names its code in meta's messages.
/// A 429 means Edenred did nothing; a 5xx on a read proves nothing; a 5xx on a write is definite
/// only when it names a business refusal (CARD_EXPIRED…), not INTERNAL_ERROR or BAD_GATEWAY.
/// </summary>
internal sealed partial class EdenredProtocol : ProviderProtocol
{
    public static readonly EdenredProtocol Instance = new();

    public override string Provider => "Edenred";

    // The estimate is a POST that only asks how much can be spent.
    public override bool IsRead(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || ProviderRequest.Method(request) == nameof(IEdenredDirectPaymentApi.EstimateChargeAsync);

    public override string? IdempotencyKey(HttpRequestMessage request) =>
        request.Options.TryGetValue(ProviderRequest.IdempotencyKey, out var tstamp) ? tstamp : null;

    public override ProviderAnswer Judge(int status, ReadOnlySpan<byte> body, bool isRead)
    {
        EdenredAnswerShape? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, EdenredProtocolJson.Default.EdenredAnswerShape);
        }
        catch (JsonException)
        {
            envelope = null;
            if (IsSuccess(status))
            {
                // A 2xx with garbage may hide a completed payment.
                return ProviderAnswer.Unknown;
            }
        }
        var messages = envelope?.Meta?.Messages;
        var message = messages?.FirstOrDefault(m => m.Level is null or "error") ?? messages?.FirstOrDefault();
        if (status == 429 || (status >= 500 && (isRead || message?.Code is null or "INTERNAL_ERROR" or "BAD_GATEWAY")))
        {
            return ProviderAnswer.Unknown;
        }
        if (!IsSuccess(status) || envelope?.Meta?.Status != "succeeded")
        {
            return ProviderAnswer.Refused(message?.Code ?? status.ToString(CultureInfo.InvariantCulture), message?.Text);
        }
        return envelope.Data is { ValueKind: not JsonValueKind.Null } ? ProviderAnswer.Success : ProviderAnswer.Unknown;
    }

    /// <summary>The envelope with its data left unread: Refit reads the data into its model afterwards.</summary>
    internal sealed record EdenredAnswerShape(EdenredMeta? Meta, JsonElement? Data);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(EdenredAnswerShape))]
    internal sealed partial class EdenredProtocolJson : JsonSerializerContext;
}
