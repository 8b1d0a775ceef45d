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
    /// Inside a unit of work, applies <paramref name="change"/> to the loaded order and leaves it to be committed with the
    /// next <see cref="UpdateAsync"/> or <see cref="AddAsync"/>, or when the unit of work ends. For a change that may wait
    /// for the next step's commit: what a provider answered, when the next provider call is preceded by a commit.
    /// Outside a unit of work, the same as <see cref="UpdateAsync"/>.
    /// </summary>
    Task<Order> StageAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken = default);

    /// <summary>
    /// What this restaurant's checkouts already hold or took today on one voucher account: the
    /// amount the daily cap must leave room for. Refused, cancelled and refunded legs do not count.
    /// </summary>
    Task<Money> VoucherSpentAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads what the voucher account spent in the window and saves the order that
    /// <paramref name="build"/> makes from it, in one write transaction serialised per account (SQLite's
    /// write lock, PostgreSQL's <see cref="DailyCapLock"/>), so two checkouts, on one app instance or
    /// several, cannot both use the same room under the cap.
    /// </summary>
    Task<Order> AddWithinDailyCapAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, Func<Money, Order> build, CancellationToken cancellationToken = default);

    /// <summary>
    /// Until disposed, the orders this flow (this async call chain) adds, finds or updates stay loaded in one
    /// unit of work, so each step of a checkout saves its change without reading the order again. Every
    /// <see cref="UpdateAsync"/> still commits at once: a call's idempotency key is on disk before the call.
    /// Orders it hands out are the loaded ones: read them, change them only through <see cref="UpdateAsync"/>.
    /// Inside a unit of work already begun, this one does nothing.
    /// </summary>
    IAsyncDisposable BeginUnitOfWork();
}

public sealed class OrderStore(IDbContextFactory<MealCheckoutDbContext> contexts) : IOrderStore
{
    private static readonly AsyncLocal<OrderUnitOfWork?> Current = new();

    public IAsyncDisposable BeginUnitOfWork()
    {
        if (Current.Value is not null)
        {
            return OrderUnitOfWork.AlreadyBegun;
        }
        // Set here, in a method that is not async, so that the value flows to the caller's awaits.
        var unit = new OrderUnitOfWork(contexts.CreateDbContext(), WithEverything, () => Current.Value = null);
        Current.Value = unit;
        return unit;
    }

    public async Task AddAsync(Order order, CancellationToken cancellationToken = default)
    {
        order.RefreshStatus();
        if (Current.Value is { } unit)
        {
            unit.Db.Orders.Add(order);
            await unit.SaveAsync(cancellationToken);
            unit.Keep(order);
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        if (Current.Value is { } unit)
        {
            return await unit.LoadAsync(orderId, cancellationToken);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await WithEverything(db.Orders).AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
    }

    public async Task<Order> UpdateAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken = default)
    {
        if (Current.Value is { } unit)
        {
            return await unit.UpdateAsync(orderId, order => Changed(order, change), cancellationToken);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await WithEverything(db.Orders).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
        Changed(order, change);
        await db.SaveChangesAsync(cancellationToken);
        return order;
    }

    public async Task<Order> StageAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken = default) =>
        Current.Value is { } unit
            ? await unit.StageAsync(orderId, order => Changed(order, change), cancellationToken)
            : await UpdateAsync(orderId, change, cancellationToken);

    public async Task<Money> VoucherSpentAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SpentAsync(db, issuer, voucherAccount, fromUtc, toUtc, cancellationToken);
    }

    public async Task<Order> AddWithinDailyCapAsync(VoucherIssuer issuer, string voucherAccount, DateTimeOffset fromUtc, DateTimeOffset toUtc, Func<Money, Order> build, CancellationToken cancellationToken = default)
    {
        var unit = Current.Value;
        var db = unit?.Db ?? await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            // Microsoft.Data.Sqlite begins transactions IMMEDIATE: the write lock is taken before the read.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DailyCapLock.TakeAsync(db, issuer, voucherAccount, cancellationToken);
            var order = build(await SpentAsync(db, issuer, voucherAccount, fromUtc, toUtc, cancellationToken));
            order.RefreshStatus();
            db.Orders.Add(order);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            unit?.Committed();
            unit?.Keep(order);
            return order;
        }
        catch when (unit is not null)
        {
            unit.Forget();
            throw;
        }
        finally
        {
            if (unit is null)
            {
                await db.DisposeAsync();
            }
        }
    }

    private static void Changed(Order order, Action<Order> change)
    {
        change(order);
        order.RefreshStatus();
        order.BumpVersion();
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
        .Include(o => o.Legs).ThenInclude(l => l.Calls)
        .Include(o => o.Compensations);
}
