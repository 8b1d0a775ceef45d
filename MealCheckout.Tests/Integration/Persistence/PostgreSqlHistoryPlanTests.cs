using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>
/// On PostgreSQL, every page the staff history reads (first, next, previous, last, for each sort and
/// the indexed filters) is an index scan in the sort's order: the plans PostgreSQL ran, as its
/// <c>auto_explain</c> logs them for this class's database, show no sort of the table.
/// </summary>
public sealed class PostgreSqlHistoryPlanTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>, IAsyncLifetime
{
    private const int Orders = 40_000;
    private const string PageQuery = "Query Text: SELECT o.id";
    private static readonly DateTimeOffset Newest = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await database.MigratedAndSeededAsync();
        if (await database.ScalarAsync<long>("SELECT COUNT(*) FROM orders") > 0)
        {
            return; // the class's database, filled for an earlier test
        }
        // A year of orders, one every 13 minutes, with one leg each, then fresh statistics, as a busy restaurant's table looks.
        await database.ExecuteAsync($"""
            INSERT INTO orders (id, number, restaurant_id, created_at, culture, status, total_cents, eligible_subtotal_cents, version, fulfilment)
            SELECT gen_random_uuid(), 'MC-' || lpad(to_hex(i * 7919 % {Orders} + {Orders}), 8, '0'), '{Guid.NewGuid()}',
                   {Newest.ToUnixTimeMilliseconds()} - i::bigint * 780000, 'fr-FR', (ARRAY['Paid', 'Paid', 'Paid', 'Failed', 'Refunded', 'ToCheck'])[1 + i % 6],
                   300 + (i::bigint * 104729) % 6000, 0, 1, 'Pickup'
            FROM generate_series(1, {Orders}) AS i;
            INSERT INTO payment_legs (id, order_id, kind, issuer, voucher_account, amount_cents, authorised_amount_cents, captured_amount_cents,
                refunded_amount_cents, state, created_at)
            SELECT gen_random_uuid(), id, 'Voucher', (ARRAY['Edenred', 'Bimpli', 'Pluxee', 'UpDejeuner'])[1 + abs(hashtext(number)) % 4],
                   'diner' || abs(hashtext(number)) % 5000 || '@example.com', total_cents, total_cents, total_cents, 0, 'Captured', created_at
            FROM orders;
            ANALYZE;
            ALTER DATABASE {database.Name} SET session_preload_libraries = 'auto_explain';
            ALTER DATABASE {database.Name} SET auto_explain.log_min_duration = 0;
            """);
        // Sessions opened from now on load auto_explain; the pooled ones opened before would not.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<OrderHistorySortColumn, bool> Sorts => new()
    {
        { OrderHistorySortColumn.CreatedAt, true },
        { OrderHistorySortColumn.CreatedAt, false },
        { OrderHistorySortColumn.Total, true },
        { OrderHistorySortColumn.Total, false },
        { OrderHistorySortColumn.Number, true },
        { OrderHistorySortColumn.Number, false },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Every_page_of_every_sort_is_read_along_an_index(OrderHistorySortColumn column, bool descending)
    {
        var plans = await PlansOfPagesAsync(OrderHistoryFilter.None, new OrderHistorySort(column, descending));

        AssertEachFollowsAnIndex(plans);
    }

    [Fact]
    public async Task Pages_of_a_date_range_and_of_one_status_are_read_along_an_index()
    {
        var plans = await PlansOfPagesAsync(new OrderHistoryFilter { FromDay = new DateOnly(2026, 3, 1), ToDay = new DateOnly(2026, 6, 30) }, OrderHistorySort.NewestFirst);
        plans.AddRange(await PlansOfPagesAsync(new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.ToCheck } }, OrderHistorySort.NewestFirst));

        AssertEachFollowsAnIndex(plans);
    }

    // First page, the next two by keyset, the last by reading backwards, then the one before it.
    private async Task<List<string>> PlansOfPagesAsync(OrderHistoryFilter filter, OrderHistorySort sort)
    {
        var logged = new FileInfo(database.Server.LogPath).Length;
        var browser = new OrderHistoryBrowser(new OrderHistoryReader(database.Get<IDbContextFactory<MealCheckoutDbContext>>()));
        var total = (await browser.PageAsync(filter, sort, 0, 25)).Total;
        await browser.PageAsync(filter, sort, 25, 25);
        await browser.PageAsync(filter, sort, 50, 25);
        await browser.PageAsync(filter, sort, total - 25, 25);
        await browser.PageAsync(filter, sort, total - 50, 25);
        var plans = await LoggedPlansSinceAsync(logged);
        Assert.Equal(5, plans.Count);
        return plans;
    }

    private static void AssertEachFollowsAnIndex(List<string> plans)
    {
        foreach (var plan in plans)
        {
            Assert.True(plan.Contains("Index Scan", StringComparison.Ordinal) || plan.Contains("Index Only Scan", StringComparison.Ordinal), plan);
            Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan on orders", plan, StringComparison.Ordinal);
        }
    }

    /// <summary>The plans of page reads the server logged after <paramref name="offset"/>: each entry runs until the next log line's timestamp.</summary>
    private async Task<List<string>> LoggedPlansSinceAsync(long offset)
    {
        await using var log = new FileStream(database.Server.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Seek(offset, SeekOrigin.Begin);
        var text = await new StreamReader(log).ReadToEndAsync();
        var entries = System.Text.RegularExpressions.Regex.Split(text, @"^(?=\d{4}-\d{2}-\d{2} )", System.Text.RegularExpressions.RegexOptions.Multiline);
        return entries.Where(entry => entry.Contains(PageQuery, StringComparison.Ordinal)).ToList();
    }
}
