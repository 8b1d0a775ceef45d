using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// The reconciler runs on every app instance, but only one works a given checkout at a time: it first
/// takes the checkout's lease, a row that names this instance until it expires. An instance that dies
/// mid-work leaves its lease to expire, and another takes the checkout over (docs/decisions/0019).
/// </summary>
public sealed class CheckoutLeases(IDbContextFactory<MealCheckoutDbContext> contexts, IOptions<ReconcilerOptions> options, TimeProvider time)
{
    /// <summary>This instance, for as long as it runs.</summary>
    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes the lease if no one holds it or the holder's has expired; false when another instance works the checkout.</summary>
    public async Task<bool> TryTakeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expiresAt = now + options.Value.LeaseSeconds * 1000L;
        var order = orderId.ToString("D");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One statement on both engines: the insert, or the take-over of an expired lease, happens or not.
        var taken = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO checkout_leases (order_id, holder, expires_at) VALUES ({order}, {holder}, {expiresAt})
            ON CONFLICT (order_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE checkout_leases.expires_at <= {now}
            """, cancellationToken);
        return taken == 1;
    }

    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = orderId.ToString("D");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM checkout_leases WHERE order_id = {order} AND holder = {holder}", cancellationToken);
    }
}
