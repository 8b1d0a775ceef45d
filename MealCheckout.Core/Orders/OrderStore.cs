using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Orders;

/// <summary>Loads and saves whole orders (lines, legs, audit trail, provider calls).</summary>
public interface IOrderStore
{
    Task AddAsync(Order order, CancellationToken cancellationToken = default);

    Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads the order, applies <paramref name="change"/> and saves it in one short unit of work.
    /// Throws <see cref="DbUpdateConcurrencyException"/> if another writer saved the order meanwhile.
    /// </summary>
    Task<Order> UpdateAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken = default);

    /// <summary>
    /// What this restaurant's checkouts already hold or took today on one voucher account: the
    /// amount the daily cap must leave room for. Refused, cancelled and refunded legs do not count.
    /// </summary>
    Task<Money> VoucherSpentAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads what the voucher account spent in the window and saves the order that
    /// <paramref name="build"/> makes from it, in one write transaction: SQLite's write lock
    /// serialises concurrent checkouts, so two of them cannot both use the same room under the cap.
    /// </summary>
    Task<Order> AddWithinDailyCapAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, Func<Money, Order> build, CancellationToken cancellationToken = default);
}

public sealed class OrderStore(IDbContextFactory<MealCheckoutDbContext> contexts) : IOrderStore
{
    public async Task AddAsync(Order order, CancellationToken cancellationToken = default)
    {
        order.RefreshStatus();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await WithEverything(db.Orders).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }

    public async Task<Order> UpdateAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await WithEverything(db.Orders).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
        change(order);
        order.RefreshStatus();
        order.BumpVersion();
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    public async Task<Money> VoucherSpentAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SpentAsync(db, issuer, voucherAccount, fromUtc, toUtc, cancellationToken);
    }

    public async Task<Order> AddWithinDailyCapAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, Func<Money, Order> build, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is taken before the read.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = build(await SpentAsync(db, issuer, voucherAccount, fromUtc, toUtc, cancellationToken));
        order.RefreshStatus();
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return order;
    }

    private static async Task<Money> SpentAsync(MealCheckoutDbContext db, VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken)
    {
        var counted = new[] { LegState.Authorizing, LegState.Authorized, LegState.Captured };
        var amounts = await db.PaymentLegs
            .Where(l => l.Kind == LegKind.Voucher && l.Issuer == issuer && l.VoucherAccount == voucherAccount
                        && l.CreatedAt >= fromUtc && l.CreatedAt < toUtc && counted.Contains(l.State))
            .Select(l => l.Amount)
            .ToListAsync(cancellationToken);
        return amounts.Aggregate(Money.Zero, (sum, a) => sum + a);
    }

    private static IQueryable<Order> WithEverything(IQueryable<Order> orders) => orders
        .Include(o => o.Lines)
        .Include(o => o.Legs).ThenInclude(l => l.Transitions)
        .Include(o => o.Legs).ThenInclude(l => l.Calls);
}
