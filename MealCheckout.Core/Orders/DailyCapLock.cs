using MealCheckout.Core.Menu;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Orders;

/// <summary>
/// Serialises reading and reserving one voucher account's daily spend across every app instance on
/// PostgreSQL: a transaction-scoped advisory lock keyed by the issuer and account, released at commit
/// or rollback (docs/decisions/0019). Checkouts on other accounts do not wait. On SQLite the
/// transaction already holds the database's single write lock, so there is nothing to take.
/// </summary>
internal static class DailyCapLock
{
    public static async Task TakeAsync(MealCheckoutDbContext db, VoucherIssuer issuer, string voucherAccount, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        // Read committed: the spend read after the lock sees every reservation committed before it was granted.
        var key = $"daily-cap:{issuer}:{voucherAccount}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }
}
