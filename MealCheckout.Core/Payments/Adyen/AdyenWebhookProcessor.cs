using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Payments.Adyen;

/// <summary>
/// Stores verified Adyen notifications, then applies them to payment legs. A notification
/// delivered twice is stored once; applying one to a leg that already moved changes nothing.
/// It mostly matters when the app never got a payment's answer: the AUTHORISATION notification
/// tells which payment it was, so the reconciler can finish or release it.
/// </summary>
public sealed partial class AdyenWebhookProcessor(
    IDbContextFactory<MealCheckoutDbContext> contexts, IOrderStore orders, IOptions<AdyenOptions> options, TimeProvider time, ILogger<AdyenWebhookProcessor> logger)
{
    /// <summary>
    /// Verifies and stores every item; false if any item is incomplete or wrongly signed (nothing of
    /// that item is kept). A refused batch logs one line, however many items it holds.
    /// </summary>
    public async Task<bool> ReceiveAsync(AdyenNotificationRequest request, CancellationToken cancellationToken)
    {
        var items = (request.NotificationItems ?? []).Select(i => i?.NotificationRequestItem).ToList();
        var refused = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var item in items)
        {
            if (item?.Amount is null || item.PspReference is null || item.MerchantReference is null || !item.HasValidSignature(options.Value.HmacKeyHex))
            {
                refused++;
                continue;
            }
            var duplicate = await db.WebhookEvents.AnyAsync(w => w.Provider == "Adyen" && w.PspReference == item.PspReference && w.EventCode == item.EventCode && w.Success == item.IsSuccess, cancellationToken);
            if (!duplicate)
            {
                db.WebhookEvents.Add(new WebhookEvent
                {
                    Provider = "Adyen",
                    EventCode = item.EventCode,
                    PspReference = item.PspReference,
                    OriginalReference = string.IsNullOrEmpty(item.OriginalReference) ? null : item.OriginalReference,
                    MerchantReference = item.MerchantReference,
                    Success = item.IsSuccess,
                    Amount = Money.FromCents(item.Amount.Value),
                    Reason = item.Reason,
                    ReceivedAt = time.GetUtcNow(),
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        if (refused > 0)
        {
            LogRefused(logger, refused, items.Count);
        }
        return refused == 0;
    }

    /// <summary>
    /// Applies stored notifications to legs of orders started before <paramref name="staleBefore"/>:
    /// a checkout still running records its own answers, and touching its legs would race it.
    /// Notifications for running checkouts stay pending until they are needed or moot.
    /// </summary>
    public async Task ProcessPendingAsync(DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.WebhookEvents.Where(w => w.ProcessedAt == null).ToListAsync(cancellationToken);
        foreach (var webhook in pending.OrderBy(w => w.ReceivedAt))
        {
            if (await ApplyAsync(db, webhook, staleBefore, cancellationToken))
            {
                webhook.ProcessedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    /// <summary>True once the notification needs no further attention.</summary>
    private async Task<bool> ApplyAsync(MealCheckoutDbContext db, WebhookEvent webhook, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        if (webhook.EventCode != "AUTHORISATION" || webhook.MerchantReference.Length < 3)
        {
            return true; // captures, cancellations and refunds confirm what the app itself did
        }
        // Payment references are "<order number>-V" (voucher) or "-C" (card).
        var number = webhook.MerchantReference[..^2];
        var kind = webhook.MerchantReference.EndsWith("-V", StringComparison.Ordinal) ? LegKind.Voucher : LegKind.Card;
        var order = await db.Orders.AsNoTracking().Include(o => o.Legs).FirstOrDefaultAsync(o => o.Number == number, cancellationToken);
        if (order is null || !order.Legs.Any(l => l.Kind == kind && l.State == LegState.Authorizing))
        {
            return true; // not ours, or the app already knows this payment's answer
        }
        if (order.CreatedAt >= staleBefore)
        {
            return false;
        }
        await orders.UpdateAsync(order.Id, o =>
        {
            var leg = o.Legs.Last(l => l.Kind == kind && l.State == LegState.Authorizing);
            leg.RecordProviderReference(webhook.PspReference);
            if (webhook.Success)
            {
                leg.Authorised(webhook.Amount, time.GetUtcNow(), "AUTHORISATION notification");
            }
            else
            {
                leg.Refused(webhook.Reason ?? "Refused", time.GetUtcNow());
            }
        }, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adyen notification batch: {Refused} of {Items} items incomplete or wrongly signed, ignored")]
    private static partial void LogRefused(ILogger logger, int refused, int items);
}
