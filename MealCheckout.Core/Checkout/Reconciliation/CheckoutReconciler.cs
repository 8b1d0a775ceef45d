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
/// the total) or release everything it holds. Nothing stays held.
/// </summary>
public sealed partial class CheckoutReconciler(
    IDbContextFactory<MealCheckoutDbContext> contexts,
    IOrderStore orders,
    AdyenLegActions actions,
    LegSettlement settlement,
    EdenredLegActions edenred,
    EdenredSignIns edenredSignIns,
    AdyenWebhookProcessor webhooks,
    IOptions<ReconcilerOptions> options,
    TimeProvider time,
    ILogger<CheckoutReconciler> logger) : BackgroundService
{
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

    /// <summary>One pass; returns how many orders were settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddSeconds(-options.Value.StaleAfterSeconds);
        await webhooks.ProcessPendingAsync(cutoff, cancellationToken);
        List<Guid> stale;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stale = await db.Orders.Where(o => o.Status == OrderStatus.Open && o.CreatedAt < cutoff).Select(o => o.Id).ToListAsync(cancellationToken);
        }
        var settled = 0;
        foreach (var id in stale)
        {
            try
            {
                if (await ReconcileAsync(id, cancellationToken))
                {
                    settled++;
                }
            }
            catch (ProviderErrorException ex)
            {
                // A provider refused a capture or cancel of this order: keep going with the others, retry it next pass.
                LogOrderRefused(logger, id, ex.Provider, ex.ErrorCode);
            }
        }
        return settled;
    }

    private async Task<bool> ReconcileAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await ResolveEdenredAuthorizationsAsync((await orders.FindAsync(orderId, cancellationToken))!, cancellationToken);
        var live = order.Legs.Where(l => l.State is LegState.Authorizing or LegState.Authorized or LegState.Captured).ToList();
        var covered = live.Where(l => l.State is LegState.Authorized or LegState.Captured).Aggregate(Money.Zero, (sum, l) => sum + l.AuthorisedAmount);
        if (live.Count > 0 && live.All(l => l.State != LegState.Authorizing) && covered == order.Total)
        {
            // Everything was authorised before the interruption: finish the checkout.
            foreach (var leg in live.Where(l => l.State == LegState.Authorized).OrderBy(l => l.Kind))
            {
                if (!await settlement.CaptureAsync(orderId, leg, cancellationToken))
                {
                    return false;
                }
            }
            LogCompleted(logger, order.Number);
            return true;
        }

        var opener = order.Legs.FirstOrDefault(l => l.ProviderOrderReference is not null);
        if (opener is not null)
        {
            // Cancelling the Adyen order rolls back every payment in it, even one whose answer was lost.
            if (!await actions.CancelOrderAsync(orderId, opener.Id, "reconciler: checkout not finished", cancellationToken))
            {
                return false;
            }
        }
        else
        {
            foreach (var leg in order.Legs.Where(l => l.State == LegState.Authorized))
            {
                if (!await settlement.CancelAsync(orderId, leg, "reconciler: checkout not finished", cancellationToken))
                {
                    return false;
                }
            }
            if (!await GiveUpUnansweredAsync(order, cancellationToken))
            {
                return false; // wait for the provider's notification
            }
        }
        LogReversed(logger, order.Number);
        return true;
    }

    /// <summary>
    /// An Edenred authorisation whose answer never came has no authorization_id to look up: it is
    /// replayed with its saved tstamp and the diner's latest login, which returns the first outcome
    /// (or, if the first call never reached Edenred, a hold this pass then releases). Without a usable
    /// login the leg waits, and is given up like any unanswered payment.
    /// </summary>
    private async Task<Order> ResolveEdenredAuthorizationsAsync(Order order, CancellationToken cancellationToken)
    {
        foreach (var leg in order.Legs.Where(l => l.Issuer == VoucherIssuer.Edenred && l.State == LegState.Authorizing
                                                  && l.PendingCall(EdenredLegActions.AuthorizeOperation) is not null).ToList())
        {
            var session = await edenredSignIns.LatestForAsync(leg.VoucherAccount!, cancellationToken);
            if (session is null)
            {
                continue;
            }
            try
            {
                await edenred.AuthorizeAsync(order, leg.Id, session, cancellationToken);
            }
            catch (Exception ex) when (ex is ProviderErrorException or EdenredLoginRequiredException)
            {
                // Refused, or the login is gone: the leg was marked refused, nothing is held.
            }
        }
        return (await orders.FindAsync(order.Id, cancellationToken))!;
    }

    /// <summary>
    /// Legs whose payment answer never came and that no notification has named: nothing is
    /// known to be held. After a grace period they are closed as failed (an uncaptured
    /// authorisation lapses at the issuer); before it, the order waits for the next pass.
    /// </summary>
    private async Task<bool> GiveUpUnansweredAsync(Order order, CancellationToken cancellationToken)
    {
        var unanswered = order.Legs.Where(l => l.State == LegState.Authorizing).ToList();
        if (unanswered.Count == 0)
        {
            return true;
        }
        if (order.CreatedAt > time.GetUtcNow().AddSeconds(-options.Value.UnknownGiveUpAfterSeconds))
        {
            return false;
        }
        await orders.UpdateAsync(order.Id, o =>
        {
            foreach (var leg in o.Legs.Where(l => l.State == LegState.Authorizing))
            {
                leg.Failed(leg.ProviderReference is null ? "no answer from the provider" : "not confirmed", time.GetUtcNow());
            }
        }, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler completed order {OrderNumber}")]
    private static partial void LogCompleted(ILogger logger, string orderNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciler released what order {OrderNumber} held")]
    private static partial void LogReversed(ILogger logger, string orderNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler could not settle order {OrderId}: {Provider} answered {ErrorCode}; retrying at the next pass")]
    private static partial void LogOrderRefused(ILogger logger, Guid orderId, string provider, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciler pass failed; retrying at the next tick")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
