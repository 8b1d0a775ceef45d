namespace MealCheckout.Core.Orders;

/// <summary>One step of a leg's audit trail: when it moved, from where to where, and why.</summary>
public sealed class LegTransition
{
    private LegTransition()
    {
    }

    internal LegTransition(Guid legId, LegState from, LegState to, DateTimeOffset at, string? reason)
    {
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
}
