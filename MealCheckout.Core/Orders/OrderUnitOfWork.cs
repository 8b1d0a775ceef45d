using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Orders;

/// <summary>
/// One context and its open connection for the length of a checkout: the orders it loaded stay tracked
/// between steps, so a step's save sends only what changed, in one command and one transaction, instead
/// of reading the whole order again first. See <see cref="IOrderStore.BeginUnitOfWork"/>.
/// </summary>
internal sealed class OrderUnitOfWork : IAsyncDisposable
{
    /// <summary>What a nested begin returns: the outer unit of work goes on.</summary>
    public static readonly IAsyncDisposable AlreadyBegun = new Nothing();

    private readonly Dictionary<Guid, Order> loaded = [];
    private readonly Action end;

    public OrderUnitOfWork(MealCheckoutDbContext db, Action end)
    {
        Db = db;
        this.end = end;
        // Held open until the end: the connection's pragmas run once, not once per step.
        Db.Database.OpenConnection();
    }

    public MealCheckoutDbContext Db { get; }

    public void Keep(Order order) => loaded[order.Id] = order;

    public async Task<Order?> LoadAsync(Guid orderId, Func<IQueryable<Order>, IQueryable<Order>> withEverything, CancellationToken cancellationToken)
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
    /// Applies the change to the loaded order and commits it. If another writer (a webhook, the reconciler)
    /// saved the order since it was loaded, the order is read again and the change applied to what is there.
    /// </summary>
    public async Task<Order> UpdateAsync(Guid orderId, Func<IQueryable<Order>, IQueryable<Order>> withEverything, Action<Order> change, CancellationToken cancellationToken)
    {
        try
        {
            return await ChangedAndSavedAsync(orderId, withEverything, change, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            Forget();
            return await ChangedAndSavedAsync(orderId, withEverything, change, cancellationToken);
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            Forget(); // what was not saved must not ride along with the next save
            throw;
        }
    }

    /// <summary>Drops everything loaded: the next step reads the order from the database again.</summary>
    public void Forget()
    {
        Db.ChangeTracker.Clear();
        loaded.Clear();
    }

    public ValueTask DisposeAsync()
    {
        end(); // not async, so that clearing the flow's unit of work reaches the caller
        return Db.DisposeAsync();
    }

    private async Task<Order> ChangedAndSavedAsync(Guid orderId, Func<IQueryable<Order>, IQueryable<Order>> withEverything, Action<Order> change, CancellationToken cancellationToken)
    {
        var order = await LoadAsync(orderId, withEverything, cancellationToken) ?? throw new InvalidOperationException($"Order {orderId} does not exist.");
        try
        {
            change(order);
        }
        catch
        {
            Forget();
            throw;
        }
        await SaveAsync(cancellationToken);
        return order;
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
