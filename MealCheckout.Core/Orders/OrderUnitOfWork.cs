using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Orders;

/// <summary>
/// One context and its open connection for the length of a checkout: the orders it loaded stay tracked
/// between steps, so a step's save sends only what changed, in one command and one transaction, instead
/// of reading the whole order again first. A change may also be staged: applied to the loaded order now and
/// committed with the next step's save, or when the unit of work ends. See <see cref="IOrderStore.BeginUnitOfWork"/>.
/// </summary>
internal sealed class OrderUnitOfWork : IAsyncDisposable
{
    /// <summary>What a nested begin returns: the outer unit of work goes on.</summary>
    public static readonly IAsyncDisposable AlreadyBegun = new Nothing();

    private readonly Dictionary<Guid, Order> loaded = [];
    private readonly List<(Guid OrderId, Action<Order> Change)> staged = [];
    private readonly Func<IQueryable<Order>, IQueryable<Order>> withEverything;
    private readonly Action end;

    public OrderUnitOfWork(MealCheckoutDbContext db, Func<IQueryable<Order>, IQueryable<Order>> withEverything, Action end)
    {
        Db = db;
        this.withEverything = withEverything;
        this.end = end;
        // Held open until the end: the connection's pragmas run once, not once per step.
        Db.Database.OpenConnection();
    }

    public MealCheckoutDbContext Db { get; }

    public void Keep(Order order) => loaded[order.Id] = order;

    /// <summary>The caller saved this unit's context in a transaction of its own: what was staged is on disk.</summary>
    public void Committed() => staged.Clear();

    public async Task<Order?> LoadAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (loaded.TryGetValue(orderId, out var order))
        {
            return order;
        }
        order = await withEverything(Db.Orders).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is not null)
        {
            Keep(order);
        }
        return order;
    }

    /// <summary>
    /// Applies the change to the loaded order and commits it, with every change staged before it. If another writer
    /// (a webhook, the reconciler) saved the order since it was loaded, the order is read again and the staged changes
    /// and this one applied to what is there.
    /// </summary>
    public async Task<Order> UpdateAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken)
    {
        try
        {
            return await ChangedAndSavedAsync(orderId, change, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ChangedAndSavedAsync(orderId, change, cancellationToken);
        }
    }

    /// <summary>Applies the change to the loaded order without committing it: the next save commits it.</summary>
    public async Task<Order> StageAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken)
    {
        var order = await ChangedAsync(orderId, change, cancellationToken);
        staged.Add((orderId, change));
        return order;
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            staged.Clear();
        }
        catch (DbUpdateConcurrencyException)
        {
            await ReloadAsync(cancellationToken); // the caller applies its own change again to what another writer saved
            throw;
        }
        catch
        {
            Forget(); // what was not saved must not ride along with the next save
            throw;
        }
    }

    /// <summary>Drops everything loaded and staged: the next step reads the order from the database again.</summary>
    public void Forget()
    {
        Db.ChangeTracker.Clear();
        loaded.Clear();
        staged.Clear();
    }

    /// <summary>Commits what is still staged, then closes the context. Not async, so that clearing the flow's unit of work reaches the caller.</summary>
    public ValueTask DisposeAsync()
    {
        end();
        return CommitStagedThenDisposeAsync();
    }

    private async ValueTask CommitStagedThenDisposeAsync()
    {
        try
        {
            if (staged.Count > 0)
            {
                try
                {
                    await SaveAsync(CancellationToken.None); // the diner may have left: what the providers answered is still kept
                }
                catch (DbUpdateConcurrencyException)
                {
                    await SaveAsync(CancellationToken.None); // staged changes applied again to what the other writer saved
                }
            }
        }
        finally
        {
            await Db.DisposeAsync();
        }
    }

    private async Task<Order> ChangedAndSavedAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken)
    {
        var order = await ChangedAsync(orderId, change, cancellationToken);
        await SaveAsync(cancellationToken);
        return order;
    }

    private async Task<Order> ChangedAsync(Guid orderId, Action<Order> change, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, cancellationToken) ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
        try
        {
            change(order);
        }
        catch
        {
            await ReloadAsync(cancellationToken); // a change that failed half-way is not kept; the staged ones are
            throw;
        }
        return order;
    }

    /// <summary>Reads the orders again from the database and applies the staged changes to them, in order.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var replay = staged.ToList();
        Forget();
        foreach (var (orderId, change) in replay)
        {
            await StageAsync(orderId, change, cancellationToken);
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
