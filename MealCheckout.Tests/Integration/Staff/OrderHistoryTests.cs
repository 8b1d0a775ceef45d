using MealCheckout.Core;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using MealCheckout.Tests.Integration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Staff;

public sealed class OrderHistoryTests
{
    // 29 March 2026: Paris moves from UTC+1 to UTC+2 at 02:00, so that day lasts 23 hours.
    private static readonly DateOnly DstDay = new(2026, 3, 29);

    [Fact]
    public async Task Date_range_is_in_Paris_days_including_a_daylight_saving_change()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var lastOfEve = await AddAsync(database, new DateTimeOffset(2026, 3, 28, 22, 59, 59, 999, TimeSpan.Zero));
        var firstOfDay = await AddAsync(database, new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
        var lastOfDay = await AddAsync(database, new DateTimeOffset(2026, 3, 29, 21, 59, 59, 999, TimeSpan.Zero));
        var firstOfNextDay = await AddAsync(database, new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero));

        var page = await Browse(database).PageAsync(new OrderHistoryFilter { FromDay = DstDay, ToDay = DstDay }, OrderHistorySort.NewestFirst, 0, 25);

        Assert.Equal([lastOfDay.Number, firstOfDay.Number], page.Rows.Select(r => r.Number));
        Assert.Equal(2, page.Total);
        var eveOnwards = await Browse(database).PageAsync(new OrderHistoryFilter { FromDay = DstDay.AddDays(-1) }, OrderHistorySort.NewestFirst, 0, 25);
        Assert.Equal(4, eveOnwards.Total);
        var untilEve = await Browse(database).PageAsync(new OrderHistoryFilter { ToDay = DstDay.AddDays(-1) }, OrderHistorySort.NewestFirst, 0, 25);
        Assert.Equal([lastOfEve.Number], untilEve.Rows.Select(r => r.Number));
        Assert.DoesNotContain(firstOfNextDay.Number, page.Rows.Select(r => r.Number));
    }

    [Fact]
    public async Task Filters_combine_status_issuer_and_amount()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var at = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        var edenredPaid = await AddAsync(database, at, 1850, o => Pay(o.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1850), at), at));
        var pluxeePaid = await AddAsync(database, at.AddMinutes(1), 3700, o =>
        {
            Pay(o.AddVoucherLeg(VoucherIssuer.Pluxee, "•••• 4321 #a1b2c3d4e5f6", Money.FromCents(2500), at), at);
            Pay(o.AddCardLeg("visa", "4242", Money.FromCents(1200), at), at);
        });
        var pluxeeRefused = await AddAsync(database, at.AddMinutes(2), 1200, o =>
        {
            var leg = o.AddVoucherLeg(VoucherIssuer.Pluxee, "•••• 9999 #f0e1d2c3b4a5", Money.FromCents(1200), at);
            leg.MoveTo(LegState.Authorizing, at);
            leg.Refused("INSUFFICIENT_BALANCE", at);
        });
        var cardPaid = await AddAsync(database, at.AddMinutes(3), 990, o => Pay(o.AddCardLeg("mc", "5100", Money.FromCents(990), at), at));

        Assert.Equal([pluxeeRefused.Number, pluxeePaid.Number], await NumbersAsync(database, new OrderHistoryFilter { Issuer = VoucherIssuer.Pluxee }));
        Assert.Equal([pluxeePaid.Number], await NumbersAsync(database, new OrderHistoryFilter { Issuer = VoucherIssuer.Pluxee, Statuses = new HashSet<OrderStatus> { OrderStatus.Paid } }));
        Assert.Equal([pluxeeRefused.Number], await NumbersAsync(database, new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.Failed } }));
        Assert.Equal([cardPaid.Number, pluxeeRefused.Number, edenredPaid.Number],
            await NumbersAsync(database, new OrderHistoryFilter { MaxTotal = Money.FromCents(1850) }));
        Assert.Equal([pluxeeRefused.Number, edenredPaid.Number],
            await NumbersAsync(database, new OrderHistoryFilter { MinTotal = Money.FromCents(1000), MaxTotal = Money.FromCents(1850) }));
        Assert.Empty(await NumbersAsync(database, new OrderHistoryFilter { Issuer = VoucherIssuer.Bimpli }));
    }

    [Fact]
    public async Task Search_finds_an_order_by_number_card_last_four_or_voucher_account()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var at = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        var edenred = await AddAsync(database, at, 1850, o => Pay(o.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1850), at), at));
        var conecs = await AddAsync(database, at.AddMinutes(1), 1500, o => Pay(o.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 4242 #a1b2c3d4e5f6", Money.FromCents(1500), at), at));
        var card = await AddAsync(database, at.AddMinutes(2), 990, o => Pay(o.AddCardLeg("visa", "4242", Money.FromCents(990), at), at));
        var other = await AddAsync(database, at.AddMinutes(3), 990, o => Pay(o.AddCardLeg("visa", "1111", Money.FromCents(990), at), at));

        Assert.Equal([edenred.Number], await NumbersAsync(database, new OrderHistoryFilter { Search = edenred.Number.ToLowerInvariant() }));
        Assert.Equal([other.Number, card.Number, conecs.Number, edenred.Number], await NumbersAsync(database, new OrderHistoryFilter { Search = " MC-261120" }));
        Assert.Equal([card.Number, conecs.Number], await NumbersAsync(database, new OrderHistoryFilter { Search = "4242" }));
        Assert.Equal([edenred.Number], await NumbersAsync(database, new OrderHistoryFilter { Search = "lerouxpablo@yopmail.com" }));
        Assert.Equal([conecs.Number], await NumbersAsync(database, new OrderHistoryFilter { Search = "•••• 4242 #a1b2c3d4e5f6" }));
        Assert.Empty(await NumbersAsync(database, new OrderHistoryFilter { Search = "someone@else.fr" }));
    }

    [Theory]
    [InlineData(OrderHistorySortColumn.CreatedAt, true)]
    [InlineData(OrderHistorySortColumn.Total, false)]
    [InlineData(OrderHistorySortColumn.Number, true)]
    public async Task Paging_forwards_backwards_and_jumping_shows_every_order_once_in_order(OrderHistorySortColumn column, bool descending)
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await new SampleOrderSeeder(seed: 7, until: new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), years: 1).SeedAsync(database.Path, 5_000);
        var sort = new OrderHistorySort(column, descending);
        var expected = await AllIdsInOrderAsync(database, column, descending);
        const int PageSize = 100;
        var browser = Browse(database);

        var forwards = new List<Guid>();
        for (var skip = 0; skip < expected.Count; skip += PageSize)
        {
            forwards.AddRange((await browser.PageAsync(OrderHistoryFilter.None, sort, skip, PageSize)).Rows.Select(r => r.Id));
        }
        var backwards = new List<Guid>();
        for (var skip = (expected.Count - 1) / PageSize * PageSize; skip >= 0; skip -= PageSize)
        {
            backwards.InsertRange(0, (await browser.PageAsync(OrderHistoryFilter.None, sort, skip, PageSize)).Rows.Select(r => r.Id));
        }
        var jumper = Browse(database);
        var jumps = new[] { 4_900, 2_500, 2_400, 2_600, 0, 4_999 };

        Assert.Equal(5_000, expected.Count);
        Assert.Equal(expected, forwards);
        Assert.Equal(expected, backwards);
        foreach (var skip in jumps)
        {
            var page = await jumper.PageAsync(OrderHistoryFilter.None, sort, skip, PageSize);
            Assert.Equal(expected.Skip(skip).Take(PageSize), page.Rows.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Pages_show_before_the_count_and_still_walk_every_order_once()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await new SampleOrderSeeder(seed: 11, until: new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), years: 1).SeedAsync(database.Path, 950);
        var expected = await AllIdsInOrderAsync(database, OrderHistorySortColumn.CreatedAt, true);
        var browser = Browse(database);

        var first = await browser.RowsAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, 100);
        var total = await browser.TotalAsync(OrderHistoryFilter.None);
        var shown = first.Select(r => r.Id).ToList();
        for (var skip = 100; ; skip += 100)
        {
            var rows = await browser.RowsAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, skip, 100);
            shown.AddRange(rows.Select(r => r.Id));
            if (rows.Count < 100)
            {
                break;
            }
        }

        Assert.Equal(950, total);
        Assert.Equal(expected, shown);
        Assert.Equal(expected.Take(100), (await browser.PageAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, 100)).Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_unfiltered_total_is_the_count_the_database_keeps_and_a_filter_counts_its_orders()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await new SampleOrderSeeder(seed: 13, until: new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), years: 1).SeedAsync(database.Path, 40);
        var paid = new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.Paid } };
        int paidOrders;
        await using (var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync())
        {
            paidOrders = await db.Orders.CountAsync(o => o.Status == OrderStatus.Paid);
            // Off by a thousand on purpose: only a total read from the kept count can show it.
            await db.Database.ExecuteSqlRawAsync("UPDATE order_counts SET order_count = order_count + 1000");
        }

        Assert.Equal(1040, await Browse(database).TotalAsync(OrderHistoryFilter.None));
        Assert.InRange(paidOrders, 1, 39);
        Assert.Equal(paidOrders, await Browse(database).TotalAsync(paid));
    }

    [Fact]
    public async Task A_new_order_arriving_while_staff_page_does_not_repeat_a_row_on_the_next_page()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var start = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
        {
            await AddAsync(database, start.AddMinutes(i));
        }
        var browser = Browse(database);
        var first = await browser.PageAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, 3);

        await AddAsync(database, start.AddHours(1));
        var second = await browser.PageAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 3, 3);

        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.Equal(3, second.Rows.Count);
    }

    [Fact]
    public async Task A_history_row_says_how_the_diner_paid()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var at = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        await AddAsync(database, at, 3700, o =>
        {
            Pay(o.AddVoucherLeg(VoucherIssuer.UpDejeuner, "•••• 4321 #a1b2c3d4e5f6", Money.FromCents(2500), at), at);
            Pay(o.AddCardLeg("visa", "4242", Money.FromCents(1200), at.AddSeconds(1)), at);
        });

        var row = Assert.Single((await Browse(database).PageAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, 25)).Rows);

        Assert.Equal(OrderStatus.Paid, row.Status);
        Assert.Equal(3700, row.Total.Cents);
        Assert.Equal([VoucherIssuer.UpDejeuner], row.Issuers);
        Assert.Equal([LegKind.Voucher, LegKind.Card], row.Legs.Select(l => l.Kind));
        Assert.Equal("4242", row.Legs[1].CardLast4);
    }

    private static OrderHistoryBrowser Browse(SqliteDatabase database) =>
        new(new OrderHistoryReader(database.Get<IDbContextFactory<MealCheckoutDbContext>>()));

    [Fact]
    public async Task An_order_left_to_check_shows_with_its_reason_and_can_be_filtered()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var at = new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
        var paid = await AddAsync(database, at, 1850, o => Pay(o.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1850), at), at));
        var unknown = await AddAsync(database, at.AddMinutes(1), 1850, o =>
        {
            o.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1850), at).MoveTo(LegState.Authorizing, at);
            o.FlagForCheck(CheckReason.OutcomeUnknown);
        });

        var page = await Browse(database).PageAsync(new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.ToCheck } }, OrderHistorySort.NewestFirst, 0, 25);

        var row = Assert.Single(page.Rows);
        Assert.Equal((unknown.Number, OrderStatus.ToCheck, CheckReason.OutcomeUnknown), (row.Number, row.Status, row.CheckReason));
        var all = await Browse(database).PageAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, 25);
        Assert.Null(all.Rows.Single(r => r.Number == paid.Number).CheckReason);
    }

    private static async Task<List<string>> NumbersAsync(SqliteDatabase database, OrderHistoryFilter filter)
    {
        var page = await Browse(database).PageAsync(filter, OrderHistorySort.NewestFirst, 0, 50);
        Assert.Equal(page.Rows.Count, page.Total);
        return page.Rows.Select(r => r.Number).ToList();
    }

    private static async Task<Order> AddAsync(SqliteDatabase database, DateTimeOffset at, long totalCents = 1500, Action<Order>? pay = null)
    {
        var order = Order.Create(Guid.NewGuid(), OrderNumber.New(Core.Calendar.ParisCalendar.DayOf(at)), "fr-FR", Fulfilment.Pickup,
            [new NewOrderLine("Plat du jour", ItemKind.Food, Money.FromCents(totalCents), 1)], at);
        pay?.Invoke(order);
        order.RefreshStatus();
        await database.Get<IOrderStore>().AddAsync(order);
        return order;
    }

    private static void Pay(PaymentLeg leg, DateTimeOffset at)
    {
        leg.MoveTo(LegState.Authorizing, at);
        leg.Captured(leg.Amount, at);
    }

    // The order the grid must show, straight from SQL without the reader's paging.
    private static async Task<List<Guid>> AllIdsInOrderAsync(SqliteDatabase database, OrderHistorySortColumn column, bool descending)
    {
        var sqlColumn = column switch
        {
            OrderHistorySortColumn.CreatedAt => "created_at",
            OrderHistorySortColumn.Total => "total_cents",
            _ => "number",
        };
        var direction = descending ? "DESC" : "ASC";
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var sql = $"SELECT id AS Value FROM orders ORDER BY {sqlColumn} {direction}, id {direction}";
        var ids = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
        return ids.Select(Guid.Parse).ToList();
    }
}
