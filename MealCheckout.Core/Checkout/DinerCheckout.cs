using MealCheckout.Core.Calendar;
using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Restaurants;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Core.Checkout;

/// <summary>What the diner is buying, as the page sends it with each preview and payment.</summary>
public sealed record CheckoutBasket(Guid RestaurantId, string Culture, Fulfilment Fulfilment, IReadOnlyList<NewOrderLine> Lines)
{
    public Money Total => OrderDraft.TotalOf(Lines);
}

/// <summary>Show me the split: the basket and the voucher chosen (none: everything by bank card); <see cref="Payer"/> is who the limits count the balance check against.</summary>
public sealed record CheckoutPreviewRequest(CheckoutBasket Basket, VoucherChoice? Voucher, PayerIdentity Payer);

/// <summary>
/// The split to show and confirm, with what the issuer can pay now (<see cref="Available"/>, null
/// without a voucher) and whether the issuer is likely to refuse today (a Sunday or public holiday);
/// or a <see cref="Refusal"/> saying why the voucher cannot be used.
/// </summary>
public sealed record CheckoutPreview(ConfirmedSplit? Split, Money? Available, bool IssuerMayRefuseToday, CheckoutOutcome? Refusal)
{
    /// <summary>How the voucher card will be paid: through the card network, its issuer may authorise only part (the diner is then asked).</summary>
    public VoucherRoute? Route { get; init; }
}

/// <summary>
/// One press of Pay: the split the diner confirmed on screen and the cards to charge it to.
/// <see cref="CheckoutId"/> is made by the page once per attempt, so a second press or a reload finds
/// the same order instead of paying twice. <see cref="Payer"/> is who the limits count the attempt against.
/// </summary>
public sealed record CheckoutPayRequest(Guid CheckoutId, CheckoutBasket Basket, VoucherChoice? Voucher, ConfirmedSplit Confirmed, PaymentCard? BankCard, PayerIdentity Payer);

/// <summary>
/// The one service the diner's checkout page calls, whatever the voucher: preview a split, pay exactly
/// the split the diner confirmed, answer a partial authorisation, and say where an attempt stands after
/// a reload. Every outcome is a <see cref="CheckoutOutcome"/>; nothing a provider answers reaches the page as an exception.
/// </summary>
public sealed partial class DinerCheckout(
    ConecsCheckout conecs, EdenredCheckout edenred, AdyenCheckoutClient adyen, IOrderStore orders, CheckoutCompletion completion, RestaurantSettingsStore restaurants, VoucherCardRouter router, VoucherRuleBook rules, TimeProvider time, ILogger<DinerCheckout> logger)
{
    /// <summary>The Adyen payment-method types the merchant accepts now; null when the provider cannot say (the page keeps the contracted brands).</summary>
    public async Task<IReadOnlyList<string>?> AcceptedPaymentMethodsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await adyen.GetPaymentMethodsAsync(cancellationToken)).PaymentMethods.Select(m => m.Type).ToList();
        }
        catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException)
        {
            LogMethodsUnavailable(logger, ex);
            return null;
        }
    }

    /// <summary>The voucher issuers the restaurant's settings accept (none until its settings are complete).</summary>
    public async Task<IReadOnlyList<VoucherIssuer>> OfferedIssuersAsync(Guid restaurantId, CancellationToken cancellationToken)
    {
        var settings = await restaurants.ReadAsync(restaurantId, cancellationToken);
        if (!settings.IsReadyForPayments)
        {
            return [];
        }
        return [.. Enum.GetValues<VoucherIssuer>().Where(settings.Accepts)];
    }

    public async Task<CheckoutPreview> PreviewAsync(CheckoutPreviewRequest request, CancellationToken cancellationToken)
    {
        var basket = request.Basket;
        var (voucher, failure) = await RouteAsync(basket.RestaurantId, request.Voucher, cancellationToken);
        if (failure is not null)
        {
            return new CheckoutPreview(null, null, false, new CheckoutOutcome(Guid.Empty, null, failure.Value));
        }
        var today = ParisCalendar.DayOf(time.GetUtcNow());
        var rulesToday = rules.InForceOn(today);
        var eligible = rulesToday.EligibleOf(basket.Lines);
        if (voucher is null || eligible.IsZero)
        {
            // Nothing to ask an issuer: the card pays it all.
            var limit = eligible.IsZero ? SplitLimit.NothingEligible : (SplitLimit?)null;
            return new CheckoutPreview(ConfirmedSplit.AllByCard(basket.Total) with { Limit = limit }, null, false, null);
        }
        if (rulesToday.RefusesVouchersOn(today))
        {
            // No issuer is asked on a day the rules close to vouchers: the card pays it all.
            return new CheckoutPreview(ConfirmedSplit.AllByCard(basket.Total) with { Limit = SplitLimit.SundayOrHoliday }, null, false, null);
        }
        var (available, split, refusal) = voucher switch
        {
            VoucherCard card => await conecs.PreviewAsync(card, basket.Total, eligible, request.Payer, cancellationToken),
            EdenredVoucher account => await edenred.PreviewAsync(account.Login, basket.Lines, request.Payer, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Voucher, "Unknown voucher choice."),
        };
        return new CheckoutPreview(split, available, rulesToday.IssuerMayRefuseOn(today), refusal) { Route = (voucher as VoucherCard)?.Route };
    }

    /// <summary>
    /// Pays exactly <see cref="CheckoutPayRequest.Confirmed"/>. When the split the rules give now differs
    /// (another card, a balance or cap that moved, another basket) nothing is charged and the result
    /// proposes the new split; when the issuer authorises less, the result asks the diner (see <see cref="CheckoutFailure.PartiallyAuthorised"/>).
    /// </summary>
    public async Task<CheckoutOutcome> PayAsync(CheckoutPayRequest request, CancellationToken cancellationToken)
    {
        var basket = request.Basket;
        var (routed, failure) = await RouteAsync(basket.RestaurantId, request.Voucher, cancellationToken);
        if (failure is not null)
        {
            return new CheckoutOutcome(request.CheckoutId, null, failure.Value);
        }
        // With nothing eligible, or on a day the rules close to vouchers, the voucher has nothing to pay: no issuer is asked.
        var today = ParisCalendar.DayOf(time.GetUtcNow());
        var rulesToday = rules.InForceOn(today);
        var voucher = rulesToday.EligibleOf(basket.Lines).IsZero || rulesToday.RefusesVouchersOn(today) ? null : routed;
        return voucher switch
        {
            EdenredVoucher account => await edenred.PayAsync(new EdenredPaymentRequest(
                new OrderDraft(request.CheckoutId, basket.RestaurantId, basket.Culture, basket.Fulfilment, basket.Lines), account.Login, request.BankCard, request.Payer, request.Confirmed), cancellationToken),
            _ => await conecs.PayAsync(new ConecsPaymentRequest(request.CheckoutId, basket.RestaurantId, basket.Culture, basket.Fulfilment, basket.Lines,
                voucher as VoucherCard, request.BankCard, request.Payer, request.Confirmed), cancellationToken),
        };
    }

    /// <summary>The diner declined a partial authorisation: it is released at once and nothing is charged.</summary>
    public async Task<CheckoutOutcome> DeclinePartialAsync(Guid checkoutId, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(checkoutId, cancellationToken);
        if (order is null)
        {
            return new CheckoutOutcome(checkoutId, null, CheckoutFailure.DinerCancelled);
        }
        return PartialAuthorisation.IsAwaitingDiner(order)
            ? await completion.AbandonAsync(order, CheckoutFailure.DinerCancelled, null, cancellationToken)
            : CheckoutOrders.OutcomeOf(order);
    }

    /// <summary>Where an attempt stands (after a reload): null when it never reached an order.</summary>
    public async Task<CheckoutOutcome?> StatusAsync(Guid checkoutId, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(checkoutId, cancellationToken);
        return order is null ? null
            : PartialAuthorisation.IsAwaitingDiner(order) ? PartialAuthorisation.Question(order)
            : CheckoutOrders.OutcomeOf(order);
    }

    /// <summary>
    /// The voucher as it will be paid, or why the restaurant's settings refuse this payment before any provider
    /// call, even when the page offered it: settings not complete, or a voucher brand the restaurant does not accept.
    /// A typed card is routed by its BIN (<see cref="VoucherCardRouter"/>): a first-generation or mixed card may
    /// take the card network, under the issuer its BIN names.
    /// </summary>
    private async Task<(VoucherChoice? Voucher, CheckoutFailure? Refusal)> RouteAsync(Guid restaurantId, VoucherChoice? voucher, CancellationToken cancellationToken)
    {
        var settings = await restaurants.ReadAsync(restaurantId, cancellationToken);
        if (!settings.IsReadyForPayments)
        {
            return (null, CheckoutFailure.RestaurantNotReady);
        }
        return voucher switch
        {
            VoucherCard card => router.Route(card, settings),
            EdenredVoucher when !settings.Accepts(VoucherIssuer.Edenred) => (null, CheckoutFailure.IssuerNotAccepted),
            _ => (voucher, null),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment methods could not be listed; the contracted brands are offered")]
    private static partial void LogMethodsUnavailable(ILogger logger, Exception exception);
}
