using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Pays an order with a voucher card and a bank card through the Adyen-style API:
/// balance → split (only the one the diner confirmed) → (partial-payment order) → voucher payment →
/// card payment → captures; on a refusal every authorisation is released. Each call's idempotency
/// key is saved with the order before the call, and a call whose answer was lost is replayed with
/// that same key. Every provider answer, errors included, comes back as a result.
/// A card routed through the card network (first-generation and mixed cards, <see cref="VoucherRoute.CardNetwork"/>)
/// has no balance check and no partial-payment order: it is paid as a card (<c>scheme</c>) allowing a
/// partial authorisation, which the diner is asked about as for CONECS; each leg is released on its own.
/// Its route was chosen from the BIN the browser reported; the BIN the provider read decides whether it is a voucher at all.
/// </summary>
public sealed partial class ConecsCheckout(
    IOrderStore orders,
    CheckoutOrders checkoutOrders,
    AdyenCheckoutClient adyen,
    CheckoutCompletion completion,
    LegCalls calls,
    VoucherCardFingerprint fingerprint,
    PaymentAttemptLimiter limiter,
    VoucherCardRouter router,
    ILogger<ConecsCheckout> logger)
{
    public async Task<CheckoutOutcome> PayAsync(ConecsPaymentRequest request, CancellationToken cancellationToken)
    {
        // The order stays loaded from one step to the next; each step still commits before the next call.
        await using var unitOfWork = orders.BeginUnitOfWork();
        var existing = await orders.FindAsync(request.CheckoutId, cancellationToken);
        if (existing is not null)
        {
            // A second press or a reload never pays twice; an answer to a partial authorisation goes on with the card.
            return PartialAuthorisation.IsAwaitingDiner(existing)
                ? await completion.ContinueAfterPartialAsync(existing, request.Confirmed, request.BankCard, cancellationToken)
                : CheckoutOrders.OutcomeOf(existing);
        }
        // The voucher card as the diner's confirmed split named it (from the provider's balance check), or by its number when the caller sent it clear.
        var voucherAccount = request.Voucher is { Card: var voucher } ? request.Confirmed?.VoucherAccount ?? fingerprint.BeforeProviderCall(voucher) : null;
        if (!await limiter.TryStartPaymentAsync(request.Payer, voucherAccount, request.BankCard, cancellationToken))
        {
            return new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.TooManyAttempts);
        }

        var draft = new OrderDraft(request.CheckoutId, request.RestaurantId, request.Culture, request.Fulfilment, request.Lines);
        if (request.Voucher is not { Card: var voucherCard, Issuer: var issuer })
        {
            var allByCard = ConfirmedSplit.AllByCard(OrderDraft.TotalOf(request.Lines));
            if (request.Confirmed is { } confirmed && !confirmed.ChargesTheSameAs(allByCard))
            {
                return CheckoutOutcome.SplitChangedTo(request.CheckoutId, confirmed, allByCard);
            }
            return request.BankCard is null
                ? new CheckoutOutcome(request.CheckoutId, null, CheckoutFailure.BankCardNeeded)
                : await completion.PayRestAndCaptureAsync(await checkoutOrders.CreateCardOnlyAsync(draft, cancellationToken), Money.Zero, request.BankCard, null, cancellationToken);
        }

        var route = request.Voucher.Route;
        var (balance, account, refusal) = await AvailableAsync(request.Voucher, request.CheckoutId, request.Payer, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        var (order, notCreated) = await checkoutOrders.CreateWithinDailyCapAsync(draft, issuer, account!, balance, request.BankCard is not null,
            request.Confirmed, (leg, plan) =>
            {
                leg.PayThrough(route);
                if (plan.UsesCard && route == VoucherRoute.Conecs)
                {
                    leg.BeginCall(AdyenLegActions.OpenOrderOperation, calls.Now);
                }
                leg.BeginCall(AdyenLegActions.PaymentOperation, calls.Now);
            }, cancellationToken);
        return order is null ? notCreated! : await ContinueAsync(order, voucherCard, request.BankCard, cancellationToken);
    }

    /// <summary>
    /// What the diner sees before paying: the card's balance and how the bill would split today.
    /// Null plan with a refusal when the card cannot pay at all (expired, blocked, provider down).
    /// </summary>
    /// <remarks>A card-network voucher has no balance to read: its split is planned on the cap, and its issuer answers the payment.</remarks>
    public async Task<(Money? Balance, ConfirmedSplit? Split, CheckoutOutcome? Refusal)> PreviewAsync(
        VoucherCard voucher, Money total, Money eligibleSubtotal, PayerIdentity payer, CancellationToken cancellationToken)
    {
        if (voucher.Route == VoucherRoute.Conecs && !await limiter.TryStartBalanceCheckAsync(payer, fingerprint.BeforeProviderCall(voucher.Card), cancellationToken))
        {
            return (null, null, new CheckoutOutcome(Guid.Empty, null, CheckoutFailure.TooManyAttempts));
        }
        var (balance, account, refusal) = await AvailableAsync(voucher, Guid.NewGuid(), payer, cancellationToken);
        if (refusal is not null)
        {
            return (null, null, refusal);
        }
        var plan = await checkoutOrders.PreviewAsync(voucher.Issuer, account!, total, eligibleSubtotal, balance, cancellationToken);
        return (balance, ConfirmedSplit.From(voucher.Issuer, account!, plan), null);
    }

    /// <summary>
    /// What the voucher can pay (null when its issuer cannot be asked before paying) and its account as the daily cap
    /// names it; or why it cannot pay. A card-network voucher is not asked: Adyen's balance check is for meal vouchers
    /// and gift cards, not for Visa or Mastercard cards, and it is named by the card itself.
    /// </summary>
    private async Task<(Money? Balance, string? Account, CheckoutOutcome? Refusal)> AvailableAsync(VoucherCard voucher, Guid checkoutId, PayerIdentity payer, CancellationToken cancellationToken) =>
        voucher.Route == VoucherRoute.CardNetwork
            ? (null, fingerprint.OfUnreadCard(voucher.Card), null)
            : await BalanceAsync(voucher.Card, checkoutId, payer, cancellationToken);

    /// <summary>
    /// The card's balance and its account as the daily cap names it; a card the issuer will not read
    /// (unknown, expired, blocked, or encrypted fields the provider cannot open) counts against the payer.
    /// </summary>
    private async Task<(Money? Balance, string? Account, CheckoutOutcome? Refusal)> BalanceAsync(PaymentCard voucherCard, Guid checkoutId, PayerIdentity payer, CancellationToken cancellationToken)
    {
        try
        {
            var balance = await adyen.GetBalanceAsync(voucherCard, checkoutId.ToString("N"), cancellationToken);
            if (balance.ResultCode == "Failed")
            {
                await limiter.RecordRefusedCardAsync(payer, cancellationToken);
                return (null, null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.VoucherRefused, balance.RefusalReason));
            }
            return (Money.FromCents(balance.Balance?.Value ?? 0), fingerprint.AccountOf(voucherCard, balance), null);
        }
        catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException)
        {
            if (ex is ProviderErrorException { HttpStatus: >= 400 and < 500 })
            {
                await limiter.RecordRefusedCardAsync(payer, cancellationToken); // e.g. 422 "Invalid card number": the number does not exist
            }
            return (null, null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.ProviderUnavailable, (ex as ProviderErrorException)?.ErrorCode));
        }
    }

    private async Task<CheckoutOutcome> ContinueAsync(Order order, PaymentCard voucherCard, PaymentCard? bankCard, CancellationToken cancellationToken)
    {
        var voucher = order.Legs.SingleOrDefault(l => l.Kind == LegKind.Voucher);
        if (voucher is null)
        {
            return await completion.PayRestAndCaptureAsync(order, Money.Zero, bankCard, null, cancellationToken);
        }

        AdyenOrderReference? adyenOrder = null;
        if (voucher.PendingCall(AdyenLegActions.OpenOrderOperation) is { } openCall)
        {
            CreateOrderResponse? opened;
            try
            {
                opened = await LegCalls.ReplayOnceAsync(() => adyen.CreateOrderAsync(order.Number, order.Total, openCall.IdempotencyKey, cancellationToken));
            }
            catch (ProviderErrorException ex)
            {
                return await completion.AbandonAsync(order, CheckoutFailure.ProviderUnavailable, ex.ErrorCode, cancellationToken);
            }
            if (opened is null)
            {
                return await completion.AbandonAsync(order, CheckoutFailure.ProviderUnavailable, null, cancellationToken);
            }
            adyenOrder = new AdyenOrderReference(opened.PspReference, opened.OrderData);
            await calls.CompleteAsync(order.Id, voucher.Id, AdyenLegActions.OpenOrderOperation, "ok", leg => leg.RecordProviderOrder(opened.PspReference, opened.OrderData), cancellationToken);
        }

        var payCall = voucher.PendingCall(AdyenLegActions.PaymentOperation)!;
        var throughNetwork = voucher.Route == VoucherRoute.CardNetwork;
        var method = AdyenPaymentMethod.From(throughNetwork ? AdyenPaymentMethod.Scheme : AdyenPaymentMethod.MealVoucher, voucherCard);
        PaymentResponse? paid;
        try
        {
            // Through the card network the split rests on the issuer's partial authorisation: it must be allowed.
            paid = await LegCalls.ReplayOnceAsync(() => adyen.MakePaymentAsync(order.Number + AdyenLegActions.VoucherReferenceSuffix, voucher.Amount,
                method, adyenOrder, payCall.IdempotencyKey, cancellationToken, allowPartialAuthorisation: throughNetwork));
        }
        catch (ProviderErrorException ex)
        {
            // The provider answered with an error and took nothing: the leg is refused with its code.
            await calls.CompleteAsync(order.Id, voucher.Id, AdyenLegActions.PaymentOperation, ex.ErrorCode, leg => leg.Refused(ex.ErrorCode, calls.Now), cancellationToken);
            return await completion.AbandonAsync(order, CheckoutFailure.VoucherRefused, ex.ErrorCode, cancellationToken);
        }
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
            return await completion.AbandonAsync(order, CheckoutFailure.VoucherRefused, paid.RefusalReason, cancellationToken);
        }
        var authorised = Money.FromCents(paid.Amount?.Value ?? voucher.Amount.Cents);
        // Committed with the next step: the card leg, a release or a capture each commit before their call, and a question to the diner ends the checkout.
        order = await calls.CompleteWithNextStepAsync(order.Id, voucher.Id, AdyenLegActions.PaymentOperation, paid.ResultCode, leg =>
        {
            leg.RecordProviderReference(paid.PspReference);
            if (throughNetwork)
            {
                leg.RecordCard(paid.AdditionalData?.GetValueOrDefault("paymentMethod"), paid.AdditionalData?.GetValueOrDefault("cardSummary"));
            }
            PartialAuthorisation.Record(leg, authorised, calls.Now, paid.ResultCode);
        }, cancellationToken);
        var providerBin = paid.AdditionalData?.GetValueOrDefault("cardBin");
        if (throughNetwork && !router.ProviderConfirms(voucher.Issuer!.Value, providerBin))
        {
            // The browser reported a voucher card's BIN, the provider read another card (or said nothing): nothing is counted as a voucher.
            LogProviderBinDisagrees(logger, order.Number, voucher.Issuer.Value, providerBin is not null);
            return await completion.AbandonAsync(order, CheckoutFailure.VoucherRefused, VoucherCardRouter.NotAVoucherCard, cancellationToken);
        }
        return PartialAuthorisation.IsAwaitingDiner(order)
            ? PartialAuthorisation.Question(order)
            : await completion.PayRestAndCaptureAsync(order, authorised, bankCard, adyenOrder, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderNumber}: the card the provider read is not a {Issuer} voucher card as its reported BIN said (provider BIN given: {ProviderGaveBin}); its authorisation is released")]
    private static partial void LogProviderBinDisagrees(ILogger logger, string orderNumber, VoucherIssuer issuer, bool providerGaveBin);
}
