using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Restaurants;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Pays an order with the diner's Edenred account (manual capture) and a bank card: estimate →
/// split → authorise the voucher part → pay the card part → capture the voucher, or cancel its
/// authorisation when the card fails. The tstamp of every Edenred call and the key of every card
/// call are saved with the order before the call; a lost answer is resolved by replaying with that
/// same key (authorisation) or by reading the transaction's status (capture, cancel). The authorisation
/// names the restaurant by the Edenred merchant ID in its settings when the order is made, kept on the leg.
/// </summary>
public sealed class EdenredCheckout(
    IOrderStore orders,
    CheckoutOrders checkoutOrders,
    EdenredClient edenred,
    EdenredSignIns signIns,
    EdenredDinerAccess access,
    EdenredLegActions voucherActions,
    CheckoutCompletion completion,
    LegCalls calls,
    PaymentAttemptLimiter limiter,
    RestaurantSettingsStore restaurants)
{
    public async Task<CheckoutOutcome> PayAsync(EdenredPaymentRequest request, CancellationToken cancellationToken)
    {
        var checkoutId = request.Order.CheckoutId;
        // The order stays loaded from one step to the next; each step still commits before the next call.
        await using var unitOfWork = orders.BeginUnitOfWork();
        var existing = await orders.FindAsync(checkoutId, cancellationToken);
        if (existing is not null)
        {
            // A second press or a reload never pays twice; an answer to a partial authorisation goes on with the card.
            return PartialAuthorisation.IsAwaitingDiner(existing)
                ? await completion.ContinueAfterPartialAsync(existing, request.Confirmed, request.BankCard, cancellationToken)
                : CheckoutOrders.OutcomeOf(existing);
        }
        var session = await signIns.FindAsync(request.Login.SignInId, request.Login.CheckoutId, cancellationToken);
        if (session is null)
        {
            return new CheckoutOutcome(checkoutId, null, CheckoutFailure.EdenredLoginRequired);
        }
        if (!await limiter.TryStartPaymentAsync(request.Payer, session.Username, request.BankCard, cancellationToken))
        {
            return new CheckoutOutcome(checkoutId, null, CheckoutFailure.TooManyAttempts);
        }
        var (available, refusal) = await AvailableAsync(session, request.Order.Lines, checkoutId, cancellationToken);
        if (available is null)
        {
            return refusal!;
        }
        // Read from memory: the settings the checkout already checked, as a manager last saved them.
        var merchantId = (await restaurants.ReadAsync(request.Order.RestaurantId, cancellationToken)).For(VoucherIssuer.Edenred).MerchantId;
        var (order, notCreated) = await checkoutOrders.CreateWithinDailyCapAsync(request.Order, VoucherIssuer.Edenred, session.Username, available.Value, request.BankCard is not null,
            request.Confirmed, (leg, _) =>
            {
                leg.PayUnder(merchantId);
                leg.BeginCall(EdenredLegActions.AuthorizeOperation, calls.Now, EdenredTstamp.New(calls.Now));
            }, cancellationToken);
        if (order is null)
        {
            return notCreated!;
        }

        var voucher = order.Legs.SingleOrDefault(l => l.Kind == LegKind.Voucher);
        var voucherAuthorised = Money.Zero;
        if (voucher is not null)
        {
            var (authorised, failure) = await AuthorizeAsync(order, voucher, session, cancellationToken);
            if (failure is not null)
            {
                return failure;
            }
            order = (await orders.FindAsync(order.Id, cancellationToken))!;
            if (PartialAuthorisation.IsAwaitingDiner(order))
            {
                return PartialAuthorisation.Question(order);
            }
            voucherAuthorised = authorised;
        }
        return await completion.PayRestAndCaptureAsync(order, voucherAuthorised, request.BankCard, null, cancellationToken);
    }

    /// <summary>
    /// What the diner sees after logging in: what Edenred lets them spend now on this basket, and
    /// how the bill would split. A refusal instead when Edenred cannot be used (login gone, account blocked, down).
    /// </summary>
    public async Task<(Money? Available, ConfirmedSplit? Split, CheckoutOutcome? Refusal)> PreviewAsync(
        EdenredLoginReference login, IReadOnlyList<NewOrderLine> lines, PayerIdentity payer, CancellationToken cancellationToken)
    {
        var session = await signIns.FindAsync(login.SignInId, login.CheckoutId, cancellationToken);
        if (session is null)
        {
            return (null, null, new CheckoutOutcome(Guid.Empty, null, CheckoutFailure.EdenredLoginRequired));
        }
        if (!await limiter.TryStartBalanceCheckAsync(payer, session.Username, cancellationToken))
        {
            return (null, null, new CheckoutOutcome(Guid.Empty, null, CheckoutFailure.TooManyAttempts));
        }
        var (available, refusal) = await AvailableAsync(session, lines, Guid.Empty, cancellationToken);
        if (available is null)
        {
            return (null, null, refusal);
        }
        var plan = await checkoutOrders.PreviewAsync(VoucherIssuer.Edenred, session.Username, OrderDraft.TotalOf(lines), checkoutOrders.EligibleToday(lines), available.Value, cancellationToken);
        return (available, ConfirmedSplit.From(VoucherIssuer.Edenred, session.Username, plan), null);
    }

    /// <summary>
    /// What the diner's Edenred account can spend today (its balance within Edenred's daily limit), to show after
    /// login; null when it cannot be read now (the preview then says why).
    /// </summary>
    public async Task<Money?> BalanceAsync(EdenredLoginReference login, CancellationToken cancellationToken)
    {
        var session = await signIns.FindAsync(login.SignInId, login.CheckoutId, cancellationToken);
        if (session is null)
        {
            return null;
        }
        try
        {
            var balance = await access.CallAsync(session, token => edenred.GetBalanceAsync(session.Username, token, cancellationToken), cancellationToken);
            return Money.FromCents(balance.AvailableAmount);
        }
        catch (Exception ex) when (ex is EdenredLoginRequiredException or ProviderErrorException or ProviderOutcomeUnknownException)
        {
            return null;
        }
    }

    /// <summary>Edenred's estimate for the eligible part: its answer is the balance and Edenred's own daily limit together.</summary>
    private async Task<(Money? Available, CheckoutOutcome? Refusal)> AvailableAsync(EdenredSession session, IReadOnlyList<NewOrderLine> lines, Guid checkoutId, CancellationToken cancellationToken)
    {
        var eligible = checkoutOrders.EligibleToday(lines);
        if (eligible.IsZero)
        {
            return (Money.Zero, null);
        }
        try
        {
            var estimate = await access.CallAsync(session, token => edenred.EstimateChargeAsync(session.Username, eligible, token, cancellationToken), cancellationToken);
            return (Money.FromCents(estimate.AvailableAmount), null);
        }
        catch (EdenredLoginRequiredException)
        {
            return (null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.EdenredLoginRequired));
        }
        catch (ProviderErrorException ex)
        {
            return (null, new CheckoutOutcome(checkoutId, null, ex.HttpStatus == 401 ? CheckoutFailure.EdenredLoginRequired : CheckoutFailure.VoucherRefused, ex.ErrorCode));
        }
        catch (ProviderOutcomeUnknownException)
        {
            return (null, new CheckoutOutcome(checkoutId, null, CheckoutFailure.ProviderUnavailable));
        }
    }

    /// <summary>Authorises the voucher leg; on a refusal releases the order and returns why.</summary>
    private async Task<(Money Authorised, CheckoutOutcome? Failure)> AuthorizeAsync(Order order, PaymentLeg voucher, EdenredSession session, CancellationToken cancellationToken)
    {
        EdenredTransaction? authorized;
        try
        {
            authorized = await voucherActions.AuthorizeAsync(order, voucher.Id, session, cancellationToken);
        }
        catch (EdenredLoginRequiredException)
        {
            return (Money.Zero, await completion.AbandonAsync(order, CheckoutFailure.EdenredLoginRequired, null, cancellationToken));
        }
        catch (ProviderErrorException ex)
        {
            var failure = ex.HttpStatus == 401 ? CheckoutFailure.EdenredLoginRequired : CheckoutFailure.VoucherRefused;
            return (Money.Zero, await completion.AbandonAsync(order, failure, ex.ErrorCode, cancellationToken));
        }
        return authorized is null
            ? (Money.Zero, new CheckoutOutcome(order.Id, order.Number, CheckoutFailure.OutcomeBeingChecked))
            : (Money.FromCents(authorized.AuthorizedAmount), null);
    }
}
