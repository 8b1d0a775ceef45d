namespace MealCheckout.Core.Orders;

/// <summary>One step of a leg's audit trail: when it moved, from where to where, and why.</summary>
public sealed class LegTransition
{
    private LegTransition()
    {
    }

    internal LegTransition(Guid legId, LegState from, LegState to, DateTimeOffset at, string? reason, Money? amount = null)
    {
        Amount = amount;
        Id = Guid.NewGuid();
        PaymentLegId = legId;
        From = from;
        To = to;
        At = at;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid PaymentLegId { get; private set; }
    public LegState From { get; private set; }
    public LegState To { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>The money this step gave back, for a refund (whole or part); null for other steps.</summary>
    public Money? Amount { get; private set; }

    /// <summary>Part of a captured leg went back to the diner; the leg stays captured for the rest.</summary>
    public bool IsPartialRefund => From == LegState.Captured && To == LegState.Captured;
}
