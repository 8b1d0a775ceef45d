using System.Text.Json.Serialization;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>Every answer of the Direct Payment API: meta (status and messages) and, on success, data.</summary>
public sealed record EdenredEnvelope<T>(EdenredMeta Meta, T? Data) where T : class;

public sealed record EdenredMeta(string Status, IReadOnlyList<EdenredMessage>? Messages);

public sealed record EdenredMessage(string? Level, string Code, string? Text);

public sealed record EdenredBalance(long AvailableAmount, string Currency);

public sealed record EstimateChargeRequest(long Amount);

public sealed record AuthorizeRequest(string OrderRef, string Mid, long Amount, string Currency, string CaptureMode, string? ExtraField, string Tstamp);

/// <summary>Capture, cancel and refund: always the full amount; <c>capture_mode</c> is required on a refund only.</summary>
public sealed record TransactionActionRequest(long Amount, string Tstamp, string? CaptureMode);

/// <summary>A transaction as authorize, capture, cancel, refund and the status read describe it (each fills what it knows).</summary>
public sealed record EdenredTransaction(
    string AuthorizationId,
    string Status,
    string? OrderRef,
    string? Mid,
    long AuthorizedAmount,
    long? CapturedAmount,
    long? CaptureAmount,
    long? CancelledAmount,
    long? RefundedAmount,
    string? CaptureId,
    string? CancelId,
    string? RefundId,
    string? CaptureMode)
{
    public const string Authorized = "authorized";
    public const string Captured = "captured";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EdenredEnvelope<EdenredBalance>))]
[JsonSerializable(typeof(EdenredEnvelope<EdenredTransaction>))]
[JsonSerializable(typeof(EstimateChargeRequest))]
[JsonSerializable(typeof(AuthorizeRequest))]
[JsonSerializable(typeof(TransactionActionRequest))]
internal sealed partial class EdenredJsonContext : JsonSerializerContext;
