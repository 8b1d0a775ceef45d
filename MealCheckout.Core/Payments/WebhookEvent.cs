namespace MealCheckout.Core.Payments;

/// <summary>
/// A provider notification as received. The same notification delivered twice (providers retry)
/// has the same (provider, pspReference, eventCode, success) and is stored once.
/// </summary>
public sealed class WebhookEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public string Provider { get; init; } = "";
    public string EventCode { get; init; } = "";
    public string PspReference { get; init; } = "";
    public string? OriginalReference { get; init; }
    public string MerchantReference { get; init; } = "";
    public bool Success { get; init; }
    public Money Amount { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; set; }
}
