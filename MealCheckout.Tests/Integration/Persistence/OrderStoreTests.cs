using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Persistence;

public sealed class OrderStoreTests
{
    internal static readonly DateTimeOffset Noon = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    internal static Order NewOrder(DateTimeOffset at) => Order.Create(Guid.NewGuid(), OrderNumber.New(ParisCalendar.DayOf(at)), "fr-FR", Fulfilment.Delivery,
        [new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 2), new NewOrderLine("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)], at);

    [Fact]
    public async Task An_order_round_trips_with_its_legs_audit_trail_and_provider_calls()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        var order = NewOrder(Noon);
        await store.AddAsync(order);

        string key = "";
        await store.UpdateAsync(order.Id, o =>
        {
            var leg = o.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1900), Noon);
            key = leg.BeginCall("authorize", Noon).IdempotencyKey;
            leg.MoveTo(LegState.Authorizing, Noon);
        });
        await store.UpdateAsync(order.Id, o =>
        {
            var leg = o.Legs.Single();
            PaymentLeg.CompleteCall(leg.PendingCall("authorize")!, "ok", Noon.AddSeconds(1));
            leg.RecordProviderReference("MTU5-199570");
            leg.Authorised(Money.FromCents(1900), Noon.AddSeconds(1));
        });

        var loaded = await store.FindAsync(order.Id);
        Assert.NotNull(loaded);
        Assert.Equal(Fulfilment.Delivery, loaded.Fulfilment);
        Assert.Equal(4250, loaded.Total.Cents);
        var leg = Assert.Single(loaded.Legs);
        Assert.Equal(LegState.Authorized, leg.State);
        Assert.Equal("MTU5-199570", leg.ProviderReference);
        Assert.Equal([LegState.Authorizing, LegState.Authorized], leg.Transitions.OrderBy(t => t.At).Select(t => t.To));
        var call = Assert.Single(leg.Calls);
        Assert.Equal(key, call.IdempotencyKey);
        Assert.Equal("ok", call.Outcome);
        Assert.Equal(2, loaded.Version);
    }

    [Fact]
    public async Task Two_writers_of_the_same_order_cannot_both_win()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        var order = NewOrder(Noon);
        await store.AddAsync(order);

        var firstEntered = new TaskCompletionSource();
        var secondSaved = new TaskCompletionSource();
        // SQLite answers synchronously, so the slow writer runs on its own thread.
        var slow = Task.Run(() => store.UpdateAsync(order.Id, o =>
        {
            o.AddCardLeg("visa", "1111", Money.FromCents(100), Noon);
            firstEntered.SetResult();
            secondSaved.Task.Wait(TimeSpan.FromMinutes(1));
        }));
        await firstEntered.Task;
        await store.UpdateAsync(order.Id, o => o.AddCardLeg("mc", "4444", Money.FromCents(100), Noon));
        secondSaved.SetResult();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => slow);
        var loaded = await store.FindAsync(order.Id);
        Assert.Equal("4444", Assert.Single(loaded!.Legs).CardLast4);
    }

    [Fact]
    public async Task Voucher_spent_today_counts_held_and_captured_legs_of_that_account_and_day_only()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var store = database.Get<IOrderStore>();
        const string account = "lerouxpablo@yopmail.com";
        await AddVoucherLegAsync(store, Noon, account, 800, LegState.Captured);
        await AddVoucherLegAsync(store, Noon.AddHours(1), account, 300, LegState.Authorized);
        await AddVoucherLegAsync(store, Noon.AddHours(2), account, 500, LegState.Refused);
        await AddVoucherLegAsync(store, Noon.AddHours(3), account, 400, LegState.Cancelled);
        await AddVoucherLegAsync(store, Noon.AddHours(4), "someone.else@yopmail.com", 900, LegState.Captured);
        await AddVoucherLegAsync(store, Noon.AddDays(-1), account, 700, LegState.Captured);
        // 23:30 Paris on the same day (22:30Z in winter) still counts; 00:30 Paris next day does not.
        await AddVoucherLegAsync(store, new DateTimeOffset(2026, 11, 23, 22, 30, 0, TimeSpan.Zero), account, 100, LegState.Captured);
        await AddVoucherLegAsync(store, new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero), account, 200, LegState.Captured);

        var (start, end) = ParisCalendar.DayBounds(new DateOnly(2026, 11, 23));
        var spent = await store.VoucherSpentAsync(VoucherIssuer.Edenred, account, start, end);

        Assert.Equal(1200, spent.Cents);
    }

    private static async Task AddVoucherLegAsync(IOrderStore store, DateTimeOffset at, string account, long cents, LegState finalState)
    {
        var order = NewOrder(at);
        var leg = order.AddVoucherLeg(VoucherIssuer.Edenred, account, Money.FromCents(cents), at);
        leg.MoveTo(LegState.Authorizing, at);
        switch (finalState)
        {
            case LegState.Captured:
                leg.Captured(leg.Amount, at);
                break;
            case LegState.Authorized:
                leg.Authorised(leg.Amount, at);
                break;
            case LegState.Refused:
                leg.Refused("LIMIT_EXCEEDED", at);
                break;
            case LegState.Cancelled:
                leg.Authorised(leg.Amount, at);
                leg.Cancelled(at);
                break;
        }
        await store.AddAsync(order);
    }
}
