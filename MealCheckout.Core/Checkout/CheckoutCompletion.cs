using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// What every checkout does once its voucher part is settled, whatever the issuer: pay the rest on
/// the bank card, capture, or release everything the order holds — with the same results for the
/// same provider answers, so one checkout never fails differently from the other.
/// </summary>
public sealed partial class CheckoutCompletion(IOrderStore orders, AdyenLegActions adyen, LegSettlement settlement, ILogger<CheckoutCompletion> logger)
{
    /// <summary>Pays what the voucher did not on the bank card, then captures every leg; on a refusal releases everything.</summary>
    public async Task<CheckoutOutcome> PayRestAndCaptureAsync(Order order, Money voucherAuthorised, PaymentCard? bankCard, AdyenOrderReference? adyenOrder, CancellationToken cancellationToken)
    {
        var cardPart = order.Total - voucherAuthorised;
        if (!cardPart.IsZero)
        {
            if (bankCard is null)
            {
                return await AbandonAsync(order, CheckoutFailure.BankCardNeeded, null, cancellationToken);
            }
            var card = await adyen.PayCardAsync(order, cardPart, bankCard, adyenOrder, cancellationToken);
            if (card is not { } answer)
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
            if (!answer.Authorised)
            {
                return await AbandonAsync(order, CheckoutFailure.CardRefused, answer.Refusal, cancellationToken);
            }
        }

        try
        {
            if (!await settlement.CaptureAllAsync(order.Id, cancellationToken))
            {
                return new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked);
            }
        }
        catch (ProviderErrorException ex)
        {
            // A provider refused to take what it had authorised: release everything rather than keep one leg's money alone.
            return await AbandonAsync(order, ex.Provider == "Edenred" ? CheckoutFailure.VoucherRefused : CheckoutFailure.ProviderUnavailable, ex.ErrorCode, cancellationToken);
        }
        LogPaid(logger, order.Number, order.Total.Cents);
        return CheckoutOrders.OutcomeOf((await orders.FindAsync(order.Id, cancellationToken))!);
    }

    /// <summary>
    /// The diner answered a partial authorisation with <paramref name="confirmed"/>: if it is the split they
    /// were asked about, the card pays the difference; anything else asks the same question again.
    /// </summary>
    public async Task<CheckoutOutcome> ContinueAfterPartialAsync(Order order, ConfirmedSplit? confirmed, PaymentCard? bankCard, CancellationToken cancellationToken)
    {
        var proposal = PartialAuthorisation.Proposal(order);
        if (confirmed is null || !confirmed.ChargesTheSameAs(proposal) || (proposal.UsesCard && bankCard is null))
        {
            return PartialAuthorisation.Question(order);
        }
        var opener = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var adyenOrder = opener.ProviderOrderReference is { } reference ? new AdyenOrderReference(reference, opener.ProviderOrderData!) : null;
        return await PayRestAndCaptureAsync(order, proposal.VoucherPart, bankCard, adyenOrder, cancellationToken);
    }

    /// <summary>
    /// Releases whatever this order holds: the Adyen partial-payment order (which rolls back its payments)
    /// or each authorisation, and drops legs never sent. While a release is unanswered or refused the
    /// result says the payment is being checked, and the reconciler keeps at it.
    /// </summary>
    public async Task<CheckoutOutcome> AbandonAsync(Order order, CheckoutFailure failure, string? providerCode, CancellationToken cancellationToken)
    {
        order = (await orders.FindAsync(order.Id, cancellationToken))!;
        var opener = order.Legs.FirstOrDefault(l => l.ProviderOrderReference is not null);
        bool released;
        try
        {
            released = opener is not null
                ? await adyen.CancelOrderAsync(order.Id, opener.Id, "order cancelled: " + failure, cancellationToken)
                : await settlement.ReleaseAllAsync(order.Id, "released: " + failure, cancellationToken);
        }
        catch (ProviderErrorException)
        {
            released = false;
        }
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
