using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Pays an order with a CONECS voucher card and a bank card through the Adyen-style API:
/// balance → split → (partial-payment order) → voucher payment → card payment → captures; on a
/// refusal every authorisation is released. Each call's idempotency key is saved with the order
/// before the call, and a call whose answer was lost is replayed with that same key.
/// </summary>
public sealed partial class ConecsCheckout(
    IOrderStore orders,
    AdyenCheckoutClient adyen,
    AdyenLegActions actions,
    VoucherCardFingerprint fingerprint,
    IOptions<DailyCapOptions> caps,
    TimeProvider time,
    ILogger<ConecsCheckout> logger)
{
    private static readonly SplitPlanner Planner = new();

    public async Task<CheckoutOutcome> PayAsync(ConecsPaymentRequest request, CancellationToken cancellationToken)
    {
        var existing = await orders.FindAsync(request.CheckoutId, cancellationToken);
        if (existing is not null)
        {
            return OutcomeOf(existing); // a second press or a reload: never pay twice
        }

        var now = time.GetUtcNow();
        var today = ParisCalendar.DayOf(now);
        if (request.Voucher is not { Card: var voucherCard, Issuer: var issuer })
        {
            if (request.BankCard is null)
            {
                return new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.BankCardNeeded);
            }
            var cardOnly = Order.Create(request.RestaurantId, OrderNumber.New(today), request.Culture, request.Fulfilment, request.Lines, now, request.CheckoutId);
            await orders.AddAsync(cardOnly, cancellationToken);
            return await ContinueAsync(cardOnly, request, cancellationToken);
        }

        var (balance, refusal) = await BalanceAsync(voucherCard, request.CheckoutId, cancellationToken);
        if (balance is null)
        {
            return refusal!;
        }
        var (dayStart, dayEnd) = ParisCalendar.DayBounds(today);
        var account = fingerprint.AccountOf(voucherCard);
        var total = request.Lines.Aggregate(Money.Zero, (sum, l) => sum + (l.UnitPrice * l.Quantity));
        Order order;
        try
        {
            order = await orders.AddWithinDailyCapAsync(issuer, account, dayStart, dayEnd, spentToday =>
        {
            var order = Order.Create(request.RestaurantId, OrderNumber.New(today), request.Culture, request.Fulfilment, request.Lines, now, request.CheckoutId);
            var plan = Plan(order.Total, order.EligibleSubtotal, balance.Value, issuer, spentToday);
            if (plan.UsesCard && request.BankCard is null)
            {
                throw new BankCardNeededException(); // rolls the transaction back: no order without a way to pay it
            }
            if (plan.UsesVoucher)
            {
                // Authorizing from the start: the amount counts against the cap for concurrent checkouts.
                var leg = order.AddVoucherLeg(issuer, account, plan.VoucherPart, now);
                leg.MoveTo(LegState.Authorizing, now, plan.Limit.ToString());
                if (plan.UsesCard)
                {
                    leg.BeginCall(AdyenLegActions.OpenOrderOperation, now);
                }
                leg.BeginCall(AdyenLegActions.PaymentOperation, now);
            }
            return order;
        }, cancellationToken);
        }
        catch (BankCardNeededException)
        {
            return new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.BankCardNeeded);
        }
        return await ContinueAsync(order, request, cancellationToken);
    }

    /// <summary>
    /// What the diner sees before paying: the card's balance and how the bill would split today.
    /// Null plan with a refusal when the card cannot pay at all (expired, blocked, provider down).
    /// </summary>
    public async Task<(Money? Balance, SplitPlan? Plan, CheckoutOutcome? Refusal)> PreviewAsync(
        VoucherIssuer issuer, CardDetails voucherCard, Money total, Money eligibleSubtotal, CancellationToken cancellationToken)
    {
        var (balance, refusal) = await BalanceAsync(voucherCard, Guid.NewGuid(), cancellationToken);
        if (balance is null)
        {
            return (null, null, refusal);
        }
        var (dayStart, dayEnd) = ParisCalendar.DayBounds(ParisCalendar.DayOf(time.GetUtcNow()));
        var spent = await orders.VoucherSpentAsync(issuer, fingerprint.AccountOf(voucherCard), dayStart, dayEnd, cancellationToken);
        return (balance, Plan(total, eligibleSubtotal, balance.Value, issuer, spent), null);
    }

    private SplitPlan Plan(Money total, Money eligible, Money balance, VoucherIssuer issuer, Money spentToday) =>
        Planner.Plan(new SplitRequest(total, eligible, balance, caps.Value.DailyCapFor(issuer), spentToday, caps.Value.MinimumVoucherPayment));

    private async Task<(Money? Balance, CheckoutOutcome? Refusal)> BalanceAsync(CardDetails voucherCard, Guid checkoutId, CancellationToken cancellationToken)
    {
        try
        {
            var balance = await adyen.GetBalanceAsync(voucherCard, checkoutId.ToString("N"), cancellationToken);
            return balance.ResultCode == "Failed"
                ? (null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.VoucherRefused, balance.RefusalReason))
                : (Money.FromCents(balance.Balance?.Value ?? 0), null);
        }
        catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException)
        {
            return (null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.ProviderUnavailable, (ex as ProviderErrorException)?.ErrorCode));
        }
    }

    private async Task<CheckoutOutcome> ContinueAsync(Order order, ConecsPaymentRequest request, CancellationToken cancellationToken)
    {
        var voucher = order.Legs.SingleOrDefault(l => l.Kind == LegKind.Voucher);
        AdyenOrderReference? adyenOrder = null;
        var voucherAuthorised = Money.Zero;

        if (voucher is not null)
        {
            if (voucher.PendingCall(AdyenLegActions.OpenOrderOperation) is { } openCall)
            {
                var opened = await AdyenLegActions.CallAsync(() => adyen.CreateOrderAsync(order.Number, order.Total, openCall.IdempotencyKey, cancellationToken));
                if (opened is null)
                {
                    return await AbandonAsync(order, CheckoutFailure.ProviderUnavailable, null, null, cancellationToken);
                }
                adyenOrder = new AdyenOrderReference(opened.PspReference, opened.OrderData);
                await Update(order, voucher, (o, leg) =>
                {
                    PaymentLeg.CompleteCall(leg.PendingCall(AdyenLegActions.OpenOrderOperation)!, "ok", Now);
                    leg.RecordProviderOrder(opened.PspReference, opened.OrderData);
                }, cancellationToken);
            }

            var payCall = voucher.PendingCall(AdyenLegActions.PaymentOperation)!;
            var paid = await AdyenLegActions.CallAsync(() => adyen.MakePaymentAsync(order.Number + "-V", voucher.Amount,
                AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, request.Voucher!.Card), adyenOrder, payCall.IdempotencyKey, cancellationToken));
            if (paid is null)
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
            if (!paid.IsAuthorised)
            {
                await Update(order, voucher, (o, leg) =>
                {
                    PaymentLeg.CompleteCall(leg.PendingCall(AdyenLegActions.PaymentOperation)!, paid.ResultCode, Now);
                    leg.RecordProviderReference(paid.PspReference);
                    leg.Refused(paid.RefusalReason ?? paid.ResultCode, Now);
                }, cancellationToken);
                return await AbandonAsync(order, CheckoutFailure.VoucherRefused, paid.RefusalReason, adyenOrder, cancellationToken);
            }
            voucherAuthorised = Money.FromCents(paid.Amount?.Value ?? voucher.Amount.Cents);
            await Update(order, voucher, (o, leg) =>
            {
                PaymentLeg.CompleteCall(leg.PendingCall(AdyenLegActions.PaymentOperation)!, paid.ResultCode, Now);
                leg.RecordProviderReference(paid.PspReference);
                if (voucherAuthorised < leg.Amount)
                {
                    leg.ReduceAmountTo(voucherAuthorised); // partial authorisation: the card pays the difference
                }
                leg.Authorised(voucherAuthorised, Now, paid.ResultCode);
            }, cancellationToken);
        }

        var cardPart = order.Total - voucherAuthorised;
        if (!cardPart.IsZero)
        {
            if (request.BankCard is not { } bankCard)
            {
                return await AbandonAsync(order, CheckoutFailure.BankCardNeeded, null, adyenOrder, cancellationToken);
            }
            Guid cardLegId = default;
            string cardKey = "";
            order = await orders.UpdateAsync(order.Id, o =>
            {
                var leg = o.AddCardLeg("card", bankCard.Last4, cardPart, Now);
                leg.MoveTo(LegState.Authorizing, Now);
                cardKey = leg.BeginCall(AdyenLegActions.PaymentOperation, Now).IdempotencyKey;
                cardLegId = leg.Id;
            }, cancellationToken);
            var paid = await AdyenLegActions.CallAsync(() => adyen.MakePaymentAsync(order.Number + "-C", cardPart,
                AdyenPaymentMethod.From(AdyenPaymentMethod.Scheme, bankCard), adyenOrder, cardKey, cancellationToken));
            if (paid is null)
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
            order = await orders.UpdateAsync(order.Id, o =>
            {
                var leg = o.Legs.Single(l => l.Id == cardLegId);
                PaymentLeg.CompleteCall(leg.PendingCall(AdyenLegActions.PaymentOperation)!, paid.ResultCode, Now);
                leg.RecordProviderReference(paid.PspReference);
                if (paid.ResultCode == "Authorised")
                {
                    leg.Authorised(cardPart, Now, paid.ResultCode);
                }
                else
                {
                    leg.Refused(paid.RefusalReason ?? paid.ResultCode, Now);
                }
            }, cancellationToken);
            if (paid.ResultCode != "Authorised")
            {
                return await AbandonAsync(order, CheckoutFailure.CardRefused, paid.RefusalReason, adyenOrder, cancellationToken);
            }
        }

        return await CaptureAllAsync(order, cancellationToken);
    }

    /// <summary>Every leg is authorised: take the money, voucher first.</summary>
    private async Task<CheckoutOutcome> CaptureAllAsync(Order order, CancellationToken cancellationToken)
    {
        order = (await orders.FindAsync(order.Id, cancellationToken))!;
        foreach (var legId in order.Legs.Where(l => l.State == LegState.Authorized).OrderBy(l => l.Kind).Select(l => l.Id).ToList())
        {
            if (!await actions.CaptureAsync(order.Id, legId, cancellationToken))
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
        }
        order = (await orders.FindAsync(order.Id, cancellationToken))!;
        LogPaid(logger, order.Number, order.Total.Cents);
        return OutcomeOf(order);
    }

    /// <summary>Releases whatever this order holds: the Adyen order (which rolls back its payments) or each authorisation.</summary>
    private async Task<CheckoutOutcome> AbandonAsync(Order order, CheckoutFailure failure, string? providerCode, AdyenOrderReference? adyenOrder, CancellationToken cancellationToken)
    {
        var current = (await orders.FindAsync(order.Id, cancellationToken))!;
        var released = adyenOrder is not null
            ? await actions.CancelOrderAsync(order.Id, current.Legs.First(l => l.Kind == LegKind.Voucher).Id, "order cancelled: " + failure, cancellationToken)
            : await ReleaseEachAsync(current, failure, cancellationToken);
        if (!released)
        {
            return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked, providerCode);
        }
        await orders.UpdateAsync(order.Id, o => CancelUnsentLegs(o, failure.ToString()), cancellationToken);
        LogAbandoned(logger, order.Number, failure, providerCode ?? "");
        return new CheckoutOutcome(order.Id, order.Number, failure, providerCode);
    }

    private async Task<bool> ReleaseEachAsync(Order order, CheckoutFailure failure, CancellationToken cancellationToken)
    {
        foreach (var leg in order.Legs.Where(l => l.State == LegState.Authorized))
        {
            if (!await actions.CancelAsync(order.Id, leg.Id, "released: " + failure, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Legs whose payment was never sent hold nothing: they are simply dropped.</summary>
    private void CancelUnsentLegs(Order order, string reason)
    {
        foreach (var leg in order.Legs.Where(l => l.State is LegState.Planned or LegState.Authorizing && l.ProviderReference is null))
        {
            leg.Cancelled(Now, reason);
        }
    }

    private Task Update(Order order, PaymentLeg leg, Action<Order, PaymentLeg> change, CancellationToken cancellationToken) =>
        orders.UpdateAsync(order.Id, o => change(o, o.Legs.Single(l => l.Id == leg.Id)), cancellationToken);

    private DateTimeOffset Now => time.GetUtcNow();

    public static CheckoutOutcome OutcomeOf(Order order) => order.Status switch
    {
        OrderStatus.Paid or OrderStatus.Refunded or OrderStatus.PartiallyRefunded => new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.None),
        OrderStatus.Failed => new CheckoutOutcome(order.Id, order.Number,
            order.Legs.Any(l => l.Kind == LegKind.Card && l.State == LegState.Refused) ? CheckoutFailure.CardRefused : CheckoutFailure.VoucherRefused,
            order.Legs.LastOrDefault(l => l.LastErrorCode is not null)?.LastErrorCode),
        _ => new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked),
    };

    private sealed class BankCardNeededException : Exception;

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} paid: {TotalCents} cents")]
    private static partial void LogPaid(ILogger logger, string orderNumber, long totalCents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderNumber} abandoned ({Failure}, provider said {ProviderCode}); holds released")]
    private static partial void LogAbandoned(ILogger logger, string orderNumber, CheckoutFailure failure, string providerCode);
}
