namespace MealCheckout.Core.Orders;

/// <summary>Whether a leg is paid with a meal voucher or a bank card.</summary>
public enum LegKind
{
    Voucher,
    Card,
}

/// <summary>
/// One payment of an order: the voucher part or the card part. Card data is kept as brand and
/// last four digits only; a voucher is identified by the Edenred username or a masked CONECS card.
/// </summary>
public sealed class PaymentLeg
{
    private readonly List<LegTransition> transitions = [];
    private readonly List<ProviderCall> calls = [];

    private PaymentLeg()
    {
    }

    internal PaymentLeg(Guid orderId, LegKind kind, Money amount, VoucherIssuer? issuer, string? voucherAccount, string? cardBrand, string? cardLast4, DateTimeOffset at)
    {
        if (amount.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A payment leg must carry an amount.");
        }
        if (cardLast4 is not null && (cardLast4.Length != 4 || !cardLast4.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("Only the last four digits of a card may be kept.", nameof(cardLast4));
        }
        Id = Guid.NewGuid();
        OrderId = orderId;
        Kind = kind;
        Amount = amount;
        Issuer = issuer;
        VoucherAccount = voucherAccount;
        CardBrand = cardBrand;
        CardLast4 = cardLast4;
        Route = issuer?.RouteOf();
        CreatedAt = at;
        State = LegState.Planned;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public LegKind Kind { get; private set; }
    public VoucherIssuer? Issuer { get; private set; }

    /// <summary>Edenred username, or a CONECS card as "•••• 1234": never a full card number.</summary>
    public string? VoucherAccount { get; private set; }

    /// <summary>How a voucher leg is paid (null for a card leg): a mixed card may take the card network instead of its issuer's CONECS route.</summary>
    public VoucherRoute? Route { get; private set; }

    /// <summary>On a voucher leg paid through the card network, the card as the network names it (e.g. "mc", last four).</summary>
    public string? CardBrand { get; private set; }
    public string? CardLast4 { get; private set; }

    /// <summary>What the split asked this leg to pay.</summary>
    public Money Amount { get; private set; }

    public Money AuthorisedAmount { get; private set; }
    public Money CapturedAmount { get; private set; }
    public Money RefundedAmount { get; private set; }
    public LegState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Edenred authorization_id or Adyen pspReference.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>Adyen partial-payment order (pspReference and opaque orderData), when one was opened.</summary>
    public string? ProviderOrderReference { get; private set; }

    public string? ProviderOrderData { get; private set; }

    /// <summary>The provider's error code of the last refusal or failure, kept as the provider spelled it.</summary>
    public string? LastErrorCode { get; private set; }

    /// <summary>
    /// On an Edenred leg, the merchant ID (Edenred's <c>mid</c>) it is paid under, copied from the restaurant's
    /// settings when the order is made: a replay after a lost answer sends the same, whatever a manager saved since.
    /// </summary>
    public string? MerchantId { get; private set; }

    public IReadOnlyList<LegTransition> Transitions => transitions;
    public IReadOnlyList<ProviderCall> Calls => calls;

    public void MoveTo(LegState next, DateTimeOffset at, string? reason = null) => MoveTo(next, at, reason, null);

    private void MoveTo(LegState next, DateTimeOffset at, string? reason, Money? amount)
    {
        if (!LegStateMachine.CanMove(State, next))
        {
            throw new IllegalLegTransitionException(State, next);
        }
        transitions.Add(new LegTransition(Id, State, next, at, reason, amount));
        State = next;
    }

    /// <summary>Records a provider call and its idempotency key; persist the order before sending it.</summary>
    public ProviderCall BeginCall(string operation, DateTimeOffset at, string? idempotencyKey = null, Money? amount = null)
    {
        var call = new ProviderCall(Id, operation, at, idempotencyKey, amount);
        calls.Add(call);
        return call;
    }

    /// <summary>The call of this operation that has not completed yet, to retry with the same key after a crash.</summary>
    public ProviderCall? PendingCall(string operation) => calls.LastOrDefault(c => c.Operation == operation && !c.IsCompleted);

    public static void CompleteCall(ProviderCall call, string outcome, DateTimeOffset at) => call.Complete(outcome, at);

    public void RecordProviderReference(string reference) => ProviderReference = reference;

    /// <summary>Names the merchant ID this voucher leg is paid under; set before the leg is sent, never changed after.</summary>
    public void PayUnder(string merchantId)
    {
        if (Kind != LegKind.Voucher || calls.Any(c => c.IsCompleted) || MerchantId is not null)
        {
            throw new InvalidOperationException("Only a voucher leg not yet sent can name its merchant ID, once.");
        }
        MerchantId = merchantId;
    }

    /// <summary>A mixed card the restaurant does not take on CONECS is paid as a card: set before the leg is sent.</summary>
    public void PayThrough(VoucherRoute route)
    {
        if (Kind != LegKind.Voucher || State is not (LegState.Planned or LegState.Authorizing) || calls.Any(c => c.IsCompleted))
        {
            throw new InvalidOperationException("Only a voucher leg not yet sent can change its route.");
        }
        Route = route;
    }

    /// <summary>The card as the provider read it (scheme and last four digits): it replaces what the page reported.</summary>
    public void RecordCard(string? brand, string? last4)
    {
        if (brand is { Length: > 0 and <= 40 })
        {
            CardBrand = brand;
        }
        if (last4 is { Length: 4 } && last4.All(char.IsAsciiDigit))
        {
            CardLast4 = last4;
        }
    }

    public void RecordProviderOrder(string reference, string orderData)
    {
        ProviderOrderReference = reference;
        ProviderOrderData = orderData;
    }

    public void Authorised(Money amount, DateTimeOffset at, string? reason = null)
    {
        MoveTo(LegState.Authorized, at, reason);
        AuthorisedAmount = amount;
    }

    public void Captured(Money amount, DateTimeOffset at, string? reason = null)
    {
        MoveTo(LegState.Captured, at, reason);
        if (AuthorisedAmount.IsZero)
        {
            AuthorisedAmount = amount;
        }
        CapturedAmount = amount;
    }

    /// <summary>Captured money not given back yet.</summary>
    public Money Refundable => State == LegState.Captured ? CapturedAmount - RefundedAmount : Money.Zero;

    /// <summary>The whole leg is refunded: <paramref name="amount"/> is the total refunded, parts before included.</summary>
    public void Refunded(Money amount, DateTimeOffset at, string? reason = null)
    {
        MoveTo(LegState.Refunded, at, reason, amount - RefundedAmount);
        RefundedAmount = amount;
    }

    /// <summary>
    /// Part of the captured money went back: the leg stays captured until the parts add up to all of
    /// it, and the sum can never pass what was captured.
    /// </summary>
    public void RefundedPart(Money amount, DateTimeOffset at, string? reason = null)
    {
        if (amount.IsZero || amount > Refundable)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A refund gives back at most what is still captured.");
        }
        if (RefundedAmount + amount == CapturedAmount)
        {
            Refunded(CapturedAmount, at, reason);
            return;
        }
        transitions.Add(new LegTransition(Id, State, State, at, reason, amount));
        RefundedAmount += amount;
    }

    public void Refused(string errorCode, DateTimeOffset at) => Stop(LegState.Refused, errorCode, at);

    public void Failed(string errorCode, DateTimeOffset at) => Stop(LegState.Failed, errorCode, at);

    public void Cancelled(DateTimeOffset at, string? reason = null) => MoveTo(LegState.Cancelled, at, reason);

    /// <summary>The amount asked of the provider shrinks when the issuer authorises less (partial authorisation).</summary>
    public void ReduceAmountTo(Money amount)
    {
        if (amount > Amount || amount.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A leg can only shrink to a positive amount.");
        }
        Amount = amount;
    }

    private void Stop(LegState state, string errorCode, DateTimeOffset at)
    {
        MoveTo(state, at, errorCode);
        LastErrorCode = errorCode;
    }
}
