namespace MealCheckout.Core.Orders;

/// <summary>Where an order stands, derived from its payment legs.</summary>
public enum OrderStatus
{
    /// <summary>Created, payment under way (or not started).</summary>
    Open,

    /// <summary>Every leg is captured.</summary>
    Paid,

    /// <summary>Payment did not go through and nothing is held: the diner was not charged.</summary>
    Failed,

    /// <summary>Every captured leg was refunded.</summary>
    Refunded,

    /// <summary>Some captured legs were refunded, others not.</summary>
    PartiallyRefunded,

    /// <summary>
    /// The payment could not be brought to paid or released on its own: a provider never said whether
    /// it holds money, or only part of the bill was taken. Staff check it with the provider (<see cref="Order.CheckReason"/>).
    /// </summary>
    ToCheck,
}

/// <summary>Why an order is left for staff to check with the provider.</summary>
public enum CheckReason
{
    /// <summary>A payment's answer never came and the provider has not said since whether it holds the money.</summary>
    OutcomeUnknown,

    /// <summary>Part of the bill was taken and the rest cannot be: the order is neither paid nor released.</summary>
    PartlyCaptured,

    /// <summary>A capture or a release was asked and the provider has not confirmed it.</summary>
    SettlementUnconfirmed,
}

/// <summary>
/// A diner's order: the lines bought and the payment legs that pay for them. The status is
/// recomputed from the legs on every change and stored, so staff can filter on it.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> lines = [];
    private readonly List<PaymentLeg> legs = [];
    private readonly List<Compensation> compensations = [];

    private Order()
    {
    }

    private Order(Guid id, Guid restaurantId, string number, string culture, Fulfilment fulfilment, DateTimeOffset at)
    {
        Fulfilment = fulfilment;
        Id = id;
        RestaurantId = restaurantId;
        Number = number;
        Culture = culture;
        CreatedAt = at;
        Status = OrderStatus.Open;
    }

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Guid RestaurantId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The diner's language, so later messages (receipt, refund) speak it.</summary>
    public string Culture { get; private set; } = "fr-FR";

    public Fulfilment Fulfilment { get; private set; }

    public OrderStatus Status { get; private set; }

    /// <summary>Set when the reconciler leaves the order for staff; the status is <see cref="OrderStatus.ToCheck"/> until the legs settle.</summary>
    public CheckReason? CheckReason { get; private set; }
    public Money Total { get; private set; }
    public Money EligibleSubtotal { get; private set; }

    /// <summary>
    /// SHA-256 of the secret that opens the receipt in the browser that paid (see Receipts/ReceiptKeys);
    /// the secret itself is never stored.
    /// </summary>
    public string? ReceiptKeyHash { get; private set; }

    /// <summary>Optimistic concurrency: two writers of the same order cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => lines;
    public IReadOnlyList<PaymentLeg> Legs => legs;

    /// <summary>Money given back for voucher legs whose issuer refuses refunds.</summary>
    public IReadOnlyList<Compensation> Compensations => compensations;

    /// <param name="id">The checkout attempt's id when the diner's page made one: a resubmission finds the same order.</param>
    /// <param name="eligibleKinds">What a voucher may pay for under the rules in force on the order's day; the default kinds when not given.</param>
    public static Order Create(Guid restaurantId, string number, string culture, Fulfilment fulfilment, IReadOnlyCollection<NewOrderLine> newLines, DateTimeOffset at, Guid? id = null,
        IReadOnlySet<ItemKind>? eligibleKinds = null)
    {
        eligibleKinds ??= VoucherEligibility.DefaultKinds;
        if (newLines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(newLines));
        }
        var order = new Order(id ?? Guid.NewGuid(), restaurantId, number, culture, fulfilment, at);
        foreach (var (line, position) in newLines.Select((l, i) => (l, i)))
        {
            order.lines.Add(new OrderLine(order.Id, position, line.Name, line.Kind, eligibleKinds.Contains(line.Kind), line.UnitPrice, line.Quantity, line.VatRate ?? VatRate.DefaultFor(line.Kind)));
        }
        order.Total = order.lines.Aggregate(Money.Zero, (sum, l) => sum + l.LineTotal);
        order.EligibleSubtotal = order.lines.Where(l => l.VoucherEligible).Aggregate(Money.Zero, (sum, l) => sum + l.LineTotal);
        return order;
    }

    public PaymentLeg AddVoucherLeg(VoucherIssuer issuer, string voucherAccount, Money amount, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voucherAccount);
        if (System.Text.RegularExpressions.Regex.IsMatch(voucherAccount, @"\d{12}"))
        {
            // A run of digits that long is a card number: it must never reach the database.
            throw new ArgumentException("A voucher account must not contain a card number.", nameof(voucherAccount));
        }
        if (amount > EligibleSubtotal)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A voucher cannot pay more than the eligible items.");
        }
        return AddLeg(new PaymentLeg(Id, LegKind.Voucher, amount, issuer, voucherAccount, null, null, at));
    }

    public PaymentLeg AddCardLeg(string cardBrand, string cardLast4, Money amount, DateTimeOffset at) =>
        AddLeg(new PaymentLeg(Id, LegKind.Card, amount, null, null, cardBrand, cardLast4, at));

    /// <summary>What has been given back for a voucher leg, on the card leg or off the platform.</summary>
    public Money CompensatedFor(Guid voucherLegId) =>
        compensations.Where(c => c.PaymentLegId == voucherLegId).Aggregate(Money.Zero, (sum, c) => sum + c.Amount);

    /// <summary>
    /// Records money given back for a captured voucher leg; the same <paramref name="id"/> twice records
    /// it once. The total for the leg never passes what it captured.
    /// </summary>
    public Compensation RecordCompensation(Guid id, Guid voucherLegId, Money amount, CompensationWay way, string reason, string recordedBy, DateTimeOffset at)
    {
        if (compensations.SingleOrDefault(c => c.Id == id) is { } recorded)
        {
            return recorded;
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        var leg = legs.SingleOrDefault(l => l.Id == voucherLegId && l.Kind == LegKind.Voucher && l.State == LegState.Captured)
            ?? throw new InvalidOperationException("Only a captured voucher leg of this order can be compensated.");
        if (amount.IsZero || amount + CompensatedFor(leg.Id) > leg.CapturedAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A compensation gives back at most what the voucher leg captured.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > Compensation.MaxReasonLength)
        {
            throw new ArgumentException("A compensation needs a reason of at most 300 characters.", nameof(reason));
        }
        var compensation = new Compensation(id, Id, leg.Id, amount, way, reason.Trim(), recordedBy, at);
        compensations.Add(compensation);
        return compensation;
    }

    /// <summary>Leaves the order for staff: it shows as <see cref="OrderStatus.ToCheck"/> while its legs are not settled.</summary>
    public void FlagForCheck(CheckReason reason) => CheckReason = reason;

    /// <summary>Call after any leg changed state, before saving.</summary>
    public void RefreshStatus() => Status = DeriveStatus();

    internal void BumpVersion() => Version++;

    public Money PaidAmount => legs.Aggregate(Money.Zero, (sum, l) => sum + l.CapturedAmount);

    private PaymentLeg AddLeg(PaymentLeg leg)
    {
        var planned = legs.Where(l => l.State is not (LegState.Refused or LegState.Cancelled or LegState.Failed))
            .Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
        if (planned + leg.Amount > Total)
        {
            throw new InvalidOperationException("The payment legs would exceed the order total.");
        }
        legs.Add(leg);
        return leg;
    }

    private OrderStatus DeriveStatus()
    {
        var derived = DeriveFromLegs();
        return derived == OrderStatus.Open && CheckReason is not null ? OrderStatus.ToCheck : derived;
    }

    private OrderStatus DeriveFromLegs()
    {
        var live = legs.Where(l => l.State is not (LegState.Refused or LegState.Cancelled or LegState.Failed)).ToList();
        if (live.Count == 0)
        {
            return legs.Count > 0 && legs.All(l => LegStateMachine.IsSettled(l.State)) ? OrderStatus.Failed : OrderStatus.Open;
        }
        var captured = live.Where(l => l.State is LegState.Captured or LegState.Refunded).ToList();
        var coversTotal = captured.Aggregate(Money.Zero, (sum, l) => sum + l.CapturedAmount) == Total;
        if (captured.Count != live.Count || !coversTotal)
        {
            return OrderStatus.Open;
        }
        // Card refunds made for a voucher leg are already in the card's refunded amount: only money given off the platform adds.
        var givenBack = captured.Aggregate(Money.Zero, (sum, l) => sum + l.RefundedAmount)
            + compensations.Where(c => c.Way == CompensationWay.OffPlatform).Aggregate(Money.Zero, (sum, c) => sum + c.Amount);
        return givenBack.IsZero ? OrderStatus.Paid
            : givenBack >= Total ? OrderStatus.Refunded
            : OrderStatus.PartiallyRefunded;
    }
}
