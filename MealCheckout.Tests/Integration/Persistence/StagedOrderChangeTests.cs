using MealCheckout.Core;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>
/// A change staged inside a unit of work (a provider's answer) is on disk once the next step commits, or once the
/// unit of work ends, and survives another writer saving the order in between.
/// </summary>
public sealed class StagedOrderChangeTests
{
    private static readonly DateTimeOffset Noon = OrderStoreTests.Noon;

    [Fact]
    public async Task A_staged_change_is_on_disk_only_once_the_next_update_commits_it_with_its_own()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        var order = await AddedOrderAsync(store);

        await using (store.BeginUnitOfWork())
        {
            await store.StageAsync(order.Id, o => o.AddCardLeg("visa", "1111", Money.FromCents(100), Noon));
            Assert.Empty(await CardsOnDiskAsync(database, order.Id));
            Assert.Single((await store.FindAsync(order.Id))!.Legs); // the flow itself sees its staged change

            await store.UpdateAsync(order.Id, o => o.AddCardLeg("mc", "4444", Money.FromCents(100), Noon));
            Assert.Equal(["1111", "4444"], await CardsOnDiskAsync(database, order.Id));
        }
    }

    [Fact]
    public async Task What_is_still_staged_when_the_unit_of_work_ends_is_committed()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        var order = await AddedOrderAsync(store);

        await using (store.BeginUnitOfWork())
        {
            await store.StageAsync(order.Id, o => o.AddCardLeg("visa", "1111", Money.FromCents(100), Noon));
        }

        Assert.Equal(["1111"], await CardsOnDiskAsync(database, order.Id));
    }

    [Fact]
    public async Task A_staged_change_is_applied_again_on_top_of_what_another_writer_saved_meanwhile()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        var order = await AddedOrderAsync(store);

        await using (store.BeginUnitOfWork())
        {
            await store.StageAsync(order.Id, o => o.AddCardLeg("visa", "1111", Money.FromCents(100), Noon));
            await OutsideTheUnitOfWork(() => store.UpdateAsync(order.Id, o => o.AddCardLeg("amex", "0005", Money.FromCents(100), Noon)));

            await store.UpdateAsync(order.Id, o => o.AddCardLeg("mc", "4444", Money.FromCents(100), Noon));

            Assert.Equal(["0005", "1111", "4444"], (await store.FindAsync(order.Id))!.Legs.Select(l => l.CardLast4).Order());
        }
        Assert.Equal(["0005", "1111", "4444"], await CardsOnDiskAsync(database, order.Id));
    }

    [Fact]
    public async Task A_change_that_fails_half_way_is_dropped_and_the_staged_ones_are_kept()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        var order = await AddedOrderAsync(store);

        await using (store.BeginUnitOfWork())
        {
            await store.StageAsync(order.Id, o => o.AddCardLeg("visa", "1111", Money.FromCents(100), Noon));
            await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync(order.Id, o =>
            {
                o.AddCardLeg("mc", "4444", Money.FromCents(100), Noon);
                throw new InvalidOperationException("refused half-way");
            }));

            Assert.Equal(["1111"], (await store.FindAsync(order.Id))!.Legs.Select(l => l.CardLast4));
        }
        Assert.Equal(["1111"], await CardsOnDiskAsync(database, order.Id));
    }

    private static async Task<Order> AddedOrderAsync(IOrderStore store)
    {
        var order = OrderStoreTests.NewOrder(Noon);
        await store.AddAsync(order);
        return order;
    }

    /// <summary>What another flow (a webhook, the reconciler) sees: the unit of work does not follow it there.</summary>
    private static Task OutsideTheUnitOfWork(Func<Task> write)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(write);
        }
    }

    private static async Task<List<string?>> CardsOnDiskAsync(SqliteDatabase database, Guid orderId)
    {
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        return await db.PaymentLegs.Where(l => l.OrderId == orderId).Select(l => l.CardLast4).OrderBy(c => c).ToListAsync();
    }
}
