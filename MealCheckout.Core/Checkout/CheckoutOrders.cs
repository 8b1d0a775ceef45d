using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Checkout;

/// <summary>What every checkout attempt orders, whatever pays for it. <see cref="CheckoutId"/> becomes the order's id.</summary>
public sealed record OrderDraft(Guid CheckoutId, Guid RestaurantId, string Culture, Fulfilment Fulfilment, IReadOnlyList<NewOrderLine> Lines)
{
    public static Money TotalOf(IEnumerable<NewOrderLine> lines) => lines.Aggregate(Money.Zero, (sum, l) => sum + (l.UnitPrice * l.Quantity));
}

/// <summary>
/// Creates the order of a checkout and decides its split, the same way for every voucher issuer:
/// what the voucher account already spent today here is read and the new voucher leg saved in one
/// write transaction, so concurrent checkouts on one account cannot both pass its daily cap.
/// </summary>
public sealed class CheckoutOrders(IOrderStore orders, VoucherRuleBook rules, TimeProvider time)
{
    private static readonly SplitPlanner Planner = new();

    public async Task<Order> CreateCardOnlyAsync(OrderDraft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ParisCalendar.DayOf(now);
        var order = Order.Create(draft.RestaurantId, OrderNumber.New(today), draft.Culture, draft.Fulfilment, draft.Lines, now, draft.CheckoutId, rules.InForceOn(today).EligibleKinds);
        await orders.AddAsync(order, cancellationToken);
        return order;
    }

    /// <summary>
    /// Saves the order with its voucher leg (Authorizing from the start, so it counts against the
    /// cap at once) prepared by <paramref name="beginVoucher"/>. Nothing is saved, and the refusal says
    /// why, when the split the rules give now is not <paramref name="confirmed"/> (the diner must see the
    /// new one first), or when part of the bill must go on a bank card and the diner gave none.
    /// </summary>
    /// <param name="available">What the issuer said the account can pay; null when it cannot be asked before paying (a card-network voucher).</param>
    /// <param name="confirmed">The split the diner confirmed; null only where no diner is on screen.</param>
    public async Task<(Order? Order, CheckoutOutcome? Refusal)> CreateWithinDailyCapAsync(OrderDraft draft, VoucherIssuer issuer, string account, Money? available, bool hasBankCard,
        ConfirmedSplit? confirmed, Action<PaymentLeg, SplitPlan> beginVoucher, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ParisCalendar.DayOf(now);
        var (dayStart, dayEnd) = ParisCalendar.DayBounds(today);
        try
        {
            return (await orders.AddWithinDailyCapAsync(issuer, account, dayStart, dayEnd, spentToday =>
            {
                var order = Order.Create(draft.RestaurantId, OrderNumber.New(today), draft.Culture, draft.Fulfilment, draft.Lines, now, draft.CheckoutId, rules.InForceOn(today).EligibleKinds);
                var plan = Plan(order.Total, order.EligibleSubtotal, available, issuer, spentToday, today);
                var split = ConfirmedSplit.From(issuer, account, plan);
                if (confirmed is not null && !confirmed.ChargesTheSameAs(split))
                {
                    throw new NotCreatedException(CheckoutOutcome.SplitChangedTo(draft.CheckoutId, confirmed, split)); // rolls back: nothing reserved
                }
                if (plan.UsesCard && !hasBankCard)
                {
                    throw new NotCreatedException(new CheckoutOutcome(draft.CheckoutId, null, CheckoutFailure.BankCardNeeded));
                }
                if (plan.UsesVoucher)
                {
                    var leg = order.AddVoucherLeg(issuer, account, plan.VoucherPart, now);
                    leg.MoveTo(LegState.Authorizing, now, plan.Limit.ToString());
                    beginVoucher(leg, plan);
                }
                return order;
            }, cancellationToken), null);
        }
        catch (NotCreatedException refused)
        {
            return (null, refused.Refusal);
        }
    }

    /// <summary>The part of these lines a meal voucher may pay under the rules in force today.</summary>
    public Money EligibleToday(IEnumerable<NewOrderLine> lines) => rules.InForceOn(ParisCalendar.DayOf(time.GetUtcNow())).EligibleOf(lines);

    /// <summary>How the bill would split today on this voucher account, before paying.</summary>
    public async Task<SplitPlan> PreviewAsync(VoucherIssuer issuer, string account, Money total, Money eligibleSubtotal, Money? available, CancellationToken cancellationToken)
    {
        var today = ParisCalendar.DayOf(time.GetUtcNow());
        var (dayStart, dayEnd) = ParisCalendar.DayBounds(today);
        var spent = await orders.VoucherSpentAsync(issuer, account, dayStart, dayEnd, cancellationToken);
        return Plan(total, eligibleSubtotal, available, issuer, spent, today);
    }

    public static CheckoutOutcome OutcomeOf(Order order) => order.Status switch
    {
        OrderStatus.Paid or OrderStatus.Refunded or OrderStatus.PartiallyRefunded => new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.None),
        OrderStatus.Failed => new CheckoutOutcome(order.Id, order.Number,
            order.Legs.Any(l => l.Kind == LegKind.Card && l.State == LegState.Refused) ? CheckoutFailure.CardRefused
            : order.Legs.Any(l => l.Kind == LegKind.Voucher && l.State == LegState.Refused) ? CheckoutFailure.VoucherRefused
            : CheckoutFailure.ProviderUnavailable, // released without a refusal: a provider never answered, nothing was taken
            order.Legs.LastOrDefault(l => l.LastErrorCode is not null)?.LastErrorCode),
        _ => new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked),
    };

    /// <summary>The split under the rules in force on the order's Paris day.</summary>
    private SplitPlan Plan(Money total, Money eligible, Money? available, VoucherIssuer issuer, Money spentToday, DateOnly today) =>
        Planner.Plan(rules.InForceOn(today).SplitRequest(issuer, total, eligible, available, spentToday, today));

    /// <summary>Thrown inside the write transaction so that it rolls back: no order, nothing reserved.</summary>
    private sealed class NotCreatedException(CheckoutOutcome refusal) : Exception
    {
        public CheckoutOutcome Refusal { get; } = refusal;
    }
}
