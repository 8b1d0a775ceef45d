using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Finishes or reverses checkouts left in flight — the app restarted mid-payment, or a
/// provider's answer was lost. At start-up and then periodically: apply stored notifications,
/// then for each stale open order either capture it (every leg authorised and together they pay
/// the total, nothing being released) or release everything it holds. A card is never captured
/// unless its voucher is; an order is Failed only when every leg is known released. What cannot be
/// settled within the give-up period is left <see cref="OrderStatus.ToCheck"/> with its reason.
/// </summary>
public sealed partial class CheckoutReconciler(
    IDbContextFactory<MealCheckoutDbContext> contexts,
    IOrderStore orders,
    CheckoutLeases leases,
    AdyenLegActions actions,
    LegSettlement settlement,
    EdenredLegActions edenred,
    EdenredSignIns edenredSignIns,
    AdyenWebhookProcessor webhooks,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    ILogger<CheckoutReconciler> logger) : BackgroundService
{
    private const string NotFinished = "reconciler: checkout not finished";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns how many orders were settled (paid or failed).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddSeconds(-options.Value.StaleAfterSeconds);
        await webhooks.ProcessPendingAsync(cutoff, cancellationToken);
        List<Guid> stale;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Orders left to check are looked at again: a late notification or a replay may settle them yet.
            stale = await db.Orders.Where(o => (o.Status == OrderStatus.Open || o.Status == OrderStatus.ToCheck) && o.CreatedAt < cutoff)
                .Select(o => o.Id).ToListAsync(cancellationToken);
        }
        var settled = 0;
        foreach (var id in stale)
        {
            // Every instance runs this pass: the one holding the checkout's lease works it, the others skip it.
            if (!await leases.TryTakeAsync(id, cancellationToken))
            {
                continue;
            }
            try
            {
                settled += await SettleLeasedAsync(id, cancellationToken) ? 1 : 0;
            }
            finally
            {
                await leases.ReleaseAsync(id, CancellationToken.None);
            }
        }
        return settled;
    }

    /// <summary>Settles one checkout this instance holds the lease of; true when it ended paid or failed.</summary>
    private async Task<bool> SettleLeasedAsync(Guid id, CancellationToken cancellationToken)
    {
        var before = (await orders.FindAsync(id, cancellationToken))!;
        if (before.Status is not (OrderStatus.Open or OrderStatus.ToCheck))
        {
            return false; // settled by another instance between the list and the lease
        }
        try
        {
            await SettleAsync(before, cancellationToken);
        }
        catch (ProviderErrorException ex)
        {
            // A provider refused a capture or cancel of this order: keep going with the others, retry it next pass.
            LogOrderRefused(logger, before.Number, ex.Provider, ex.ErrorCode);
        }
        var after = await FlagIfStuckAsync(id, cancellationToken);
        if (after.Status == before.Status)
        {
            return false;
        }
        LogStatusChanged(logger, after.Number, before.Status, after.Status, after.CheckReason?.ToString() ?? "");
        return after.Status is OrderStatus.Paid or OrderStatus.Failed;
    }

    private async Task SettleAsync(Order order, CancellationToken cancellationToken)
    {
        order = await ResolveEdenredAuthorizationsAsync(order, cancellationToken);
        if (CanCapture(order))
        {
            if (await settlement.CaptureAllAsync(order.Id, cancellationToken))
            {
                return;
            }
            order = (await orders.FindAsync(order.Id, cancellationToken))!;
            if (CanCapture(order))
            {
                return; // an answer was lost: captured at the next pass
            }
            // A voucher turned out cancelled at its provider: release the rest instead.
        }
        await ReleaseAsync(order, cancellationToken);
    }

    /// <summary>
    /// Finish the checkout only when it was not being released, every leg still alive is authorised or
    /// captured, and together they pay the total.
    /// </summary>
    private static bool CanCapture(Order order)
    {
        // Both providers' cancels are recorded under the same operation name.
        if (order.Legs.Any(l => l.PendingCall(AdyenLegActions.CancelOperation) is not null || l.PendingCall(AdyenLegActions.CancelOrderOperation) is not null)
            || order.Legs.Any(l => l.State is LegState.Refused or LegState.Failed || (l.State == LegState.Cancelled && l.ProviderReference is not null)))
        {
            return false;
        }
        var live = order.Legs.Where(l => l.State is LegState.Authorizing or LegState.Authorized or LegState.Captured).ToList();
        return live.Count > 0 && live.All(l => l.State is LegState.Authorized or LegState.Captured)
            && live.Aggregate(Money.Zero, (sum, l) => sum + l.AuthorisedAmount) == order.Total;
    }

    /// <summary>
    /// Releases what the order holds. An Adyen partial-payment order is cancelled as a whole (it rolls back
    /// every payment in it, even one whose answer was lost) unless something in it was already captured;
    /// otherwise each authorisation is cancelled on its own, every one tried even when another fails, and a
    /// card payment whose answer was lost is cancelled by its reference.
    /// </summary>
    private async Task ReleaseAsync(Order order, CancellationToken cancellationToken)
    {
        var opener = order.Legs.FirstOrDefault(l => l.ProviderOrderReference is not null);
        var anyCaptured = order.Legs.Any(l => l.State is LegState.Captured or LegState.Refunded);
        if (opener is not null && !anyCaptured && order.Legs.Any(l => l.State is LegState.Authorizing or LegState.Authorized))
        {
            await actions.CancelOrderAsync(order.Id, opener.Id, NotFinished, cancellationToken);
            return;
        }
        await settlement.CancelAuthorisedAsync(order.Id, NotFinished, cancellationToken);
        if (!anyCaptured)
        {
            // A card payment whose answer was lost may hold money: released by Adyen's technical cancel. Not
            // while anything is captured: then the card may be what completes the bill, and staff decide. A voucher
            // card paid through the card network has no partial-payment order to cancel: it is released the same way.
            foreach (var card in order.Legs.Where(l => (l.Kind == LegKind.Card || l.Route == VoucherRoute.CardNetwork) && l.State == LegState.Authorizing
                                                       && l.PendingCall(AdyenLegActions.PaymentOperation) is not null))
            {
                await actions.CancelUnansweredCardAsync(order.Id, card.Id, NotFinished, cancellationToken);
            }
        }
    }

    /// <summary>
    /// An Edenred authorisation whose answer never came has no authorization_id to look up: it is
    /// replayed with its saved tstamp and the diner's latest login, which returns the first outcome
    /// (or, if the first call never reached Edenred, a hold this pass then releases). A refused replay
    /// or a missing login leaves it unknown: it waits, and is left to check after the give-up period.
    /// </summary>
    private async Task<Order> ResolveEdenredAuthorizationsAsync(Order order, CancellationToken cancellationToken)
    {
        foreach (var leg in order.Legs.Where(l => l.Issuer == VoucherIssuer.Edenred && l.State == LegState.Authorizing
                                                  && l.PendingCall(EdenredLegActions.AuthorizeOperation) is not null).ToList())
        {
            if (await edenredSignIns.LatestForAsync(leg.VoucherAccount!, cancellationToken) is { } session)
            {
                await edenred.ReplayAuthorizationAsync(order, leg.Id, session, cancellationToken);
            }
        }
        return (await orders.FindAsync(order.Id, cancellationToken))!;
    }

    /// <summary>
    /// An order neither paid nor failed after the give-up period is left to staff, with why. Money taken
    /// for part of the bill while the rest can no longer be taken does not settle by waiting: it is flagged at once.
    /// </summary>
    private async Task<Order> FlagIfStuckAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = (await orders.FindAsync(orderId, cancellationToken))!;
        if (order.Status is not (OrderStatus.Open or OrderStatus.ToCheck))
        {
            return order;
        }
        var reason = WhyStuck(order);
        var due = reason == CheckReason.PartlyCaptured || order.CreatedAt <= time.GetUtcNow().AddSeconds(-options.Value.UnknownGiveUpAfterSeconds);
        return !due || order.CheckReason == reason ? order : await orders.UpdateAsync(orderId, o => o.FlagForCheck(reason), cancellationToken);
    }

    private static CheckReason WhyStuck(Order order) =>
        order.Legs.Any(l => l.State is LegState.Captured or LegState.Refunded) && !CanCapture(order) ? CheckReason.PartlyCaptured
        : order.Legs.Any(l => l.State == LegState.Authorizing) ? CheckReason.OutcomeUnknown
        : CheckReason.SettlementUnconfirmed;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler moved order {OrderNumber} from {From} to {To} {CheckReason}")]
    private static partial void LogStatusChanged(ILogger logger, string orderNumber, OrderStatus from, OrderStatus to, string checkReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler could not settle order {OrderNumber}: {Provider} answered {ErrorCode}; retrying at the next pass")]
    private static partial void LogOrderRefused(ILogger logger, string orderNumber, string provider, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciler pass failed; retrying at the next tick")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
