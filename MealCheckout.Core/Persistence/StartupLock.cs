using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Start-up seeding (the demo restaurant, the staff roles and accounts) looks for a row, then inserts
/// it: two instances starting together on one PostgreSQL database would both insert, and the second
/// would stop on a unique index. Each holds this session lock around its seeding, so the second finds
/// the rows. On SQLite there is one app per file, and nothing to wait for.
/// </summary>
public sealed class StartupLock(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    /// <summary>Any number the instances agree on, other than the migration lock's: it names the lock among PostgreSQL's advisory locks.</summary>
    private const long SeedLockKey = 0x4D43_5345_4544; // "MCSEED"

    public async Task RunAsync(Func<Task> seed, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            await seed();
            return;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SeedLockKey})", cancellationToken);
        try
        {
            await seed();
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SeedLockKey})", CancellationToken.None);
        }
    }
}
