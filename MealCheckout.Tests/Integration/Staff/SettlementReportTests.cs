using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Settlement;
using MealCheckout.Tests.Integration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>The settlement sums on a real SQLite file, around Paris midnight in winter and summer.</summary>
public sealed class SettlementReportTests
{
    private static readonly DateOnly WinterDay = new(2026, 11, 24); // Paris is UTC+1
    private static readonly DateOnly SummerDay = new(2026, 7, 15); // Paris is UTC+2

    [Fact]
    public async Task A_capture_one_second_before_Paris_midnight_counts_that_day_and_one_at_midnight_the_next()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var lastSecond = new DateTimeOffset(2026, 11, 24, 22, 59, 59, TimeSpan.Zero);
        await AddCapturedAsync(database, lastSecond, (VoucherIssuer.Bimpli, 1850), (null, 550));
        await AddCapturedAsync(database, lastSecond.AddSeconds(1), (VoucherIssuer.Bimpli, 1000));

        var rows = await Report(database).ForDaysAsync(WinterDay, WinterDay.AddDays(1));

        Assert.Equal(
            [
                new SettlementRow(WinterDay, SettlementIssuer.Bimpli, 1, Money.FromCents(1850), 0, Money.Zero),
                new SettlementRow(WinterDay, SettlementIssuer.BankCard, 1, Money.FromCents(550), 0, Money.Zero),
                new SettlementRow(WinterDay.AddDays(1), SettlementIssuer.Bimpli, 1, Money.FromCents(1000), 0, Money.Zero),
            ], rows);
    }

    [Fact]
    public async Task In_summer_Paris_midnight_is_22_00_UTC()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await AddCapturedAsync(database, new DateTimeOffset(2026, 7, 15, 21, 59, 0, TimeSpan.Zero), (VoucherIssuer.Pluxee, 900));
        await AddCapturedAsync(database, new DateTimeOffset(2026, 7, 15, 22, 0, 0, TimeSpan.Zero), (VoucherIssuer.Pluxee, 700));

        var rows = await Report(database).ForDaysAsync(SummerDay, SummerDay);

        var row = Assert.Single(rows);
        Assert.Equal((SettlementIssuer.Pluxee, 900L), (row.Issuer, row.Captured.Cents));
    }

    [Fact]
    public async Task A_refund_counts_on_its_own_day_and_the_net_may_go_negative()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var noon = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);
        var refunded = await AddCapturedAsync(database, noon, (VoucherIssuer.Edenred, 1200), (null, 800));
        await AddCapturedAsync(database, noon.AddHours(1), (VoucherIssuer.Edenred, 1500));
        await AddCapturedAsync(database, noon.AddDays(1), (VoucherIssuer.Edenred, 400));
        await database.Get<IOrderStore>().UpdateAsync(refunded.Id, o =>
        {
            foreach (var leg in o.Legs)
            {
                leg.Refunded(leg.CapturedAmount, noon.AddDays(1).AddHours(2));
            }
        });

        var rows = await Report(database).ForDaysAsync(WinterDay, WinterDay.AddDays(1));

        Assert.Equal(
            [
                new SettlementRow(WinterDay, SettlementIssuer.Edenred, 2, Money.FromCents(2700), 0, Money.Zero),
                new SettlementRow(WinterDay, SettlementIssuer.BankCard, 1, Money.FromCents(800), 0, Money.Zero),
                new SettlementRow(WinterDay.AddDays(1), SettlementIssuer.Edenred, 1, Money.FromCents(400), 1, Money.FromCents(1200)),
                new SettlementRow(WinterDay.AddDays(1), SettlementIssuer.BankCard, 0, Money.Zero, 1, Money.FromCents(800)),
            ], rows);
        Assert.Equal([2700L, 800L, -800L, -800L], rows.Select(r => r.NetCents));
    }

    [Fact]
    public async Task Legs_that_were_refused_or_only_authorised_are_not_money_taken()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        var noon = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);
        var order = NewOrder(noon, 2000);
        var refused = order.AddVoucherLeg(VoucherIssuer.UpDejeuner, "•••• 0010", Money.FromCents(2000), noon);
        refused.MoveTo(LegState.Authorizing, noon);
        refused.Refused("Not enough balance", noon);
        var held = order.AddCardLeg("card", "1111", Money.FromCents(2000), noon);
        held.MoveTo(LegState.Authorizing, noon);
        held.Authorised(Money.FromCents(2000), noon);
        await database.Get<IOrderStore>().AddAsync(order);

        Assert.Empty(await Report(database).ForDaysAsync(WinterDay, WinterDay));
    }

    [Fact]
    public async Task The_query_reads_transitions_through_the_settlement_index()
    {
        await using var database = await new SqliteDatabase().MigratedAndSeededAsync();
        await using var db = await database.Get<IDbContextFactory<Core.Persistence.MealCheckoutDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN SELECT * FROM leg_transitions WHERE to_state IN ('Captured', 'Refunded') AND at >= 0 AND at < 1";
        var plan = await command.ReadQueryPlanAsync();

        Assert.Contains("ix_leg_transitions_to_state_at", plan, StringComparison.Ordinal);
    }

    private static SettlementReport Report(SqliteDatabase database) =>
        new(database.Get<IDbContextFactory<Core.Persistence.MealCheckoutDbContext>>(), Microsoft.Extensions.Options.Options.Create(new IssuerCommissionOptions()));

    private static Order NewOrder(DateTimeOffset at, long cents) => Order.Create(DemoRestaurant.Restaurant.Id, OrderNumber.New(ParisCalendar.DayOf(at)), "fr-FR", Fulfilment.Pickup,
        [new NewOrderLine("Plat du jour", ItemKind.Food, Money.FromCents(cents), 1)], at);

    /// <summary>An order paid by the given legs, each captured at <paramref name="at"/>; a null issuer is the bank card.</summary>
    private static async Task<Order> AddCapturedAsync(SqliteDatabase database, DateTimeOffset at, params (VoucherIssuer? Issuer, long Cents)[] legs)
    {
        var order = NewOrder(at, legs.Sum(l => l.Cents));
        foreach (var (issuer, cents) in legs)
        {
            var amount = Money.FromCents(cents);
            var leg = issuer is { } voucher ? order.AddVoucherLeg(voucher, "•••• 0010", amount, at) : order.AddCardLeg("card", "1111", amount, at);
            leg.MoveTo(LegState.Authorizing, at);
            leg.Authorised(amount, at);
            leg.Captured(amount, at);
        }
        await database.Get<IOrderStore>().AddAsync(order);
        return order;
    }
}

internal static class QueryPlanReader
{
    /// <summary>EXPLAIN QUERY PLAN answers rows of (id, parent, notused, detail): all details, joined.</summary>
    public static async Task<string> ReadQueryPlanAsync(this System.Data.Common.DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var details = new List<string>();
        while (await reader.ReadAsync())
        {
            details.Add(reader.GetString(3));
        }
        return string.Join(" | ", details);
    }
}
