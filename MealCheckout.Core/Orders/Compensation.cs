namespace MealCheckout.Core.Orders;

/// <summary>How the money of a voucher leg that cannot be refunded went back to the diner.</summary>
public enum CompensationWay
{
    /// <summary>Outside the platform (cash, a voucher, a bank transfer): recorded here so the books agree.</summary>
    OffPlatform,

    /// <summary>As a refund on the order's bank-card leg, which the provider made.</summary>
    OnCardLeg,
}

/// <summary>
/// Money given back for a captured voucher leg whose issuer refuses refunds (CONECS cards through the
/// Adyen-style API): who gave it, how much, why and how. It counts against the voucher leg, never more
/// than that leg captured. Its id is the manager's request, so a double submit records it once.
/// </summary>
public sealed class Compensation
{
    public const int MaxReasonLength = 300;

    private Compensation()
    {
    }

    internal Compensation(Guid id, Guid orderId, Guid voucherLegId, Money amount, CompensationWay way, string reason, string recordedBy, DateTimeOffset at)
    {
        Id = id;
        OrderId = orderId;
        PaymentLegId = voucherLegId;
        Amount = amount;
        Way = way;
        Reason = reason;
        RecordedBy = recordedBy;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }

    /// <summary>The voucher leg the money stands in for.</summary>
    public Guid PaymentLegId { get; private set; }

    public Money Amount { get; private set; }
    public CompensationWay Way { get; private set; }
    public string Reason { get; private set; } = "";

    /// <summary>The signed-in manager who recorded it.</summary>
    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }
}
