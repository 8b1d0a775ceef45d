using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Pays an order with a CONECS voucher card and a bank card through the Adyen-style API:
/// balance → split → (partial-payment order) → voucher payment → card payment → captures; on a
/// refusal every authorisation is released. Each call's idempotency key is saved with the order
/// before the call, and a call whose answer was lost is replayed with that same key.
/// </summary>
public sealed partial class ConecsCheckout(
    IOrderStore orders,
    CheckoutOrders checkoutOrders,
    AdyenCheckoutClient adyen,
    AdyenLegActions actions,
    LegSettlement settlement,
    LegCalls calls,
    VoucherCardFingerprint fingerprint,
    PaymentAttemptLimiter limiter,
    ILogger<ConecsCheckout> logger)
{
    public async Task<CheckoutOutcome> PayAsync(ConecsPaymentRequest request, CancellationToken cancellationToken)
    {
        var existing = await orders.FindAsync(request.CheckoutId, cancellationToken);
        if (existing is not null)
        {
            return CheckoutOrders.OutcomeOf(existing); // a second press or a reload: never pay twice
        }
        if (!limiter.TryStartPayment(request.Payer, request.Voucher is { Card: var voucher } ? fingerprint.AccountOf(voucher) : null, request.BankCard))
        {
            return new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.TooManyAttempts);
        }

        var draft = new OrderDraft(request.CheckoutId, request.RestaurantId, request.Culture, request.Fulfilment, request.Lines);
        if (request.Voucher is not { Card: var voucherCard, Issuer: var issuer })
        {
            return request.BankCard is null
                ? new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.BankCardNeeded)
                : await ContinueAsync(await checkoutOrders.CreateCardOnlyAsync(draft, cancellationToken), request, cancellationToken);
        }

        var (balance, refusal) = await BalanceAsync(voucherCard, request.CheckoutId, request.Payer, cancellationToken);
        if (balance is null)
        {
            return refusal!;
        }
        var order = await checkoutOrders.CreateWithinDailyCapAsync(draft, issuer, fingerprint.AccountOf(voucherCard), balance.Value, request.BankCard is not null, (leg, plan) =>
        {
            if (plan.UsesCard)
            {
                leg.BeginCall(AdyenLegActions.OpenOrderOperation, calls.Now);
            }
            leg.BeginCall(AdyenLegActions.PaymentOperation, calls.Now);
        }, cancellationToken);
        return order is null
            ? new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.BankCardNeeded)
            : await ContinueAsync(order, request, cancellationToken);
    }

    /// <summary>
    /// What the diner sees before paying: the card's balance and how the bill would split today.
    /// Null plan with a refusal when the card cannot pay at all (expired, blocked, provider down).
    /// </summary>
    public async Task<(Money? Balance, SplitPlan? Plan, CheckoutOutcome? Refusal)> PreviewAsync(
        VoucherIssuer issuer, CardDetails voucherCard, Money total, Money eligibleSubtotal, PayerIdentity payer, CancellationToken cancellationToken)
    {
        if (!limiter.TryStartBalanceCheck(payer, fingerprint.AccountOf(voucherCard)))
        {
            return (null, null, new CheckoutOutcome(Guid.Empty, null, CheckoutFailure.TooManyAttempts));
        }
        var (balance, refusal) = await BalanceAsync(voucherCard, Guid.NewGuid(), payer, cancellationToken);
        if (balance is null)
        {
            return (null, null, refusal);
        }
        return (balance, await checkoutOrders.PreviewAsync(issuer, fingerprint.AccountOf(voucherCard), total, eligibleSubtotal, balance.Value, cancellationToken), null);
    }

    /// <summary>The card's balance; a card the issuer will not read (unknown, expired, blocked) counts against the payer.</summary>
    private async Task<(Money? Balance, CheckoutOutcome? Refusal)> BalanceAsync(CardDetails voucherCard, Guid checkoutId, PayerIdentity payer, CancellationToken cancellationToken)
    {
        try
        {
            var balance = await adyen.GetBalanceAsync(voucherCard, checkoutId.ToString("N"), cancellationToken);
            if (balance.ResultCode == "Failed")
            {
                limiter.RecordRefusedCard(payer);
                return (null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.VoucherRefused, balance.RefusalReason));
            }
            return (Money.FromCents(balance.Balance?.Value ?? 0), null);
        }
        catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException)
        {
            if (ex is ProviderErrorException { HttpStatus: >= 400 and < 500 })
            {
                limiter.RecordRefusedCard(payer); // e.g. 422 "Invalid card number": the number does not exist
            }
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
                var opened = await LegCalls.ReplayOnceAsync(() => adyen.CreateOrderAsync(order.Number, order.Total, openCall.IdempotencyKey, cancellationToken));
                if (opened is null)
                {
                    return await AbandonAsync(order, CheckoutFailure.ProviderUnavailable, null, null, cancellationToken);
                }
                adyenOrder = new AdyenOrderReference(opened.PspReference, opened.OrderData);
                await calls.CompleteAsync(order.Id, voucher.Id, AdyenLegActions.OpenOrderOperation, "ok", leg => leg.RecordProviderOrder(opened.PspReference, opened.OrderData), cancellationToken);
            }

            var payCall = voucher.PendingCall(AdyenLegActions.PaymentOperation)!;
            var paid = await LegCalls.ReplayOnceAsync(() => adyen.MakePaymentAsync(order.Number + "-V", voucher.Amount,
                AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, request.Voucher!.Card), adyenOrder, payCall.IdempotencyKey, cancellationToken));
            if (paid is null)
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
            if (!paid.IsAuthorised)
            {
                await calls.CompleteAsync(order.Id, voucher.Id, AdyenLegActions.PaymentOperation, paid.ResultCode, leg =>
                {
                    leg.RecordProviderReference(paid.PspReference);
                    leg.Refused(paid.RefusalReason ?? paid.ResultCode, calls.Now);
                }, cancellationToken);
                return await AbandonAsync(order, CheckoutFailure.VoucherRefused, paid.RefusalReason, adyenOrder, cancellationToken);
            }
            voucherAuthorised = Money.FromCents(paid.Amount?.Value ?? voucher.Amount.Cents);
            await calls.CompleteAsync(order.Id, voucher.Id, AdyenLegActions.PaymentOperation, paid.ResultCode, leg =>
            {
                leg.RecordProviderReference(paid.PspReference);
                if (voucherAuthorised < leg.Amount)
                {
                    leg.ReduceAmountTo(voucherAuthorised); // partial authorisation: the card pays the difference
                }
                leg.Authorised(voucherAuthorised, calls.Now, paid.ResultCode);
            }, cancellationToken);
        }

        var cardPart = order.Total - voucherAuthorised;
        if (!cardPart.IsZero)
        {
            if (request.BankCard is not { } bankCard)
            {
                return await AbandonAsync(order, CheckoutFailure.BankCardNeeded, null, adyenOrder, cancellationToken);
            }
            var card = await actions.PayCardAsync(order, cardPart, bankCard, adyenOrder, cancellationToken);
            if (card is not { Answer: var answer })
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
            if (answer.ResultCode != "Authorised")
            {
                return await AbandonAsync(order, CheckoutFailure.CardRefused, answer.RefusalReason, adyenOrder, cancellationToken);
            }
        }

        if (!await settlement.CaptureAllAsync(order.Id, cancellationToken))
        {
            return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
        }
        LogPaid(logger, order.Number, order.Total.Cents);
        return CheckoutOrders.OutcomeOf((await orders.FindAsync(order.Id, cancellationToken))!);
    }

    /// <summary>Releases whatever this order holds: the Adyen order (which rolls back its payments) or each authorisation.</summary>
    private async Task<CheckoutOutcome> AbandonAsync(Order order, CheckoutFailure failure, string? providerCode, AdyenOrderReference? adyenOrder, CancellationToken cancellationToken)
    {
        var reason = "order cancelled: " + failure;
        var released = adyenOrder is not null
            ? await actions.CancelOrderAsync(order.Id, order.Legs.First(l => l.Kind == LegKind.Voucher).Id, reason, cancellationToken)
            : await settlement.ReleaseAllAsync(order.Id, "released: " + failure, cancellationToken);
        if (!released)
        {
            return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked, providerCode);
        }
        await settlement.DropUnsentAsync(order.Id, failure.ToString(), cancellationToken);
        LogAbandoned(logger, order.Number, failure, providerCode ?? "");
        return new CheckoutOutcome(order.Id, order.Number, failure, providerCode);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} paid: {TotalCents} cents")]
    private static partial void LogPaid(ILogger logger, string orderNumber, long totalCents);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderNumber} abandoned ({Failure}, provider said {ProviderCode}); holds released")]
    private static partial void LogAbandoned(ILogger logger, string orderNumber, CheckoutFailure failure, string providerCode);
}
