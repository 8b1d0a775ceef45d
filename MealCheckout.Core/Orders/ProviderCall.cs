namespace MealCheckout.Core.Orders;

/// <summary>
/// One call to a payment provider, recorded with its idempotency key before it is sent, so a
/// retry after a timeout or a crash reuses the key and can never charge twice.
/// </summary>
public sealed class ProviderCall
{
    private ProviderCall()
    {
    }

    /// <param name="idempotencyKey">The provider's own key format when it has one (Edenred's tstamp); a random key otherwise.</param>
    /// <param name="amount">The amount the call moves when it names one (a refund), so a replay sends the same request.</param>
    internal ProviderCall(Guid legId, string operation, DateTimeOffset at, string? idempotencyKey = null, Money? amount = null)
    {
        Amount = amount;
        Id = Guid.NewGuid();
        PaymentLegId = legId;
        Operation = operation;
        IdempotencyKey = idempotencyKey ?? Guid.NewGuid().ToString("N");
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid PaymentLegId { get; private set; }

    /// <summary>authorize, capture, cancel, refund, open-order, cancel-order, payment.</summary>
    public string Operation { get; private set; } = "";

    public string IdempotencyKey { get; private set; } = "";

    /// <summary>What a refund asked for; null for calls whose amount is the leg's own.</summary>
    public Money? Amount { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>What came back: "ok", a provider error code, or "unknown" when the answer never arrived.</summary>
    public string? Outcome { get; private set; }

    public bool IsCompleted => CompletedAt is not null;

    internal void Complete(string outcome, DateTimeOffset at)
    {
        Outcome = outcome;
        CompletedAt = at;
    }
}
