using BenchmarkDotNet.Attributes;
using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Benchmarks;

/// <summary>
/// The staff history's queries on a database filled by <c>seed-orders</c> (its path in the
/// environment variable <see cref="DatabaseVariable"/>): what each grid action costs at that size.
/// </summary>
[MemoryDiagnoser]
public class OrderHistoryBenchmarks
{
    public const string DatabaseVariable = "MEALCHECKOUT_HISTORY_DB";
    private const int PageSize = 25;

    private ServiceProvider services = default!;
    private OrderHistoryReader reader = default!;
    private int total;
    private HistoryKey middleKey;
    private OrderHistoryFilter lastMonthEdenred = default!;
    private OrderHistoryFilter refunded = default!;
    private string knownNumber = "";
    private string knownAccount = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable(DatabaseVariable)
            ?? throw new InvalidOperationException($"Set {DatabaseVariable} to a database made by: dotnet run -c Release -- seed-orders 1000000 <path>");
        services = SeedOrdersCommand.MigratedPersistence(Path.GetFullPath(path));
        reader = new OrderHistoryReader(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<MealCheckoutDbContext>>());
        total = reader.CountAsync(OrderHistoryFilter.None).GetAwaiter().GetResult();
        var middle = Read(OrderHistoryFilter.None, new HistorySeek.FromStart(total / 2), 1)[0];
        middleKey = middle.Key(OrderHistorySortColumn.CreatedAt);
        knownNumber = middle.Number;
        knownAccount = Read(new OrderHistoryFilter { Issuer = VoucherIssuer.Edenred }, new HistorySeek.FromStart(0), 1)[0].Legs.First(l => l.VoucherAccount is not null).VoucherAccount!;
        var newest = ParisCalendar.DayOf(Read(OrderHistoryFilter.None, new HistorySeek.FromStart(0), 1)[0].CreatedAt);
        lastMonthEdenred = new OrderHistoryFilter { FromDay = newest.AddDays(-30), ToDay = newest, Issuer = VoucherIssuer.Edenred };
        refunded = new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.Refunded } };
    }

    [Benchmark(Description = "count, no filter")]
    public int CountAll() => reader.CountAsync(OrderHistoryFilter.None).GetAwaiter().GetResult();

    [Benchmark(Description = "first page, newest first")]
    public int FirstPage() => Read(OrderHistoryFilter.None, new HistorySeek.FromStart(0)).Count;

    [Benchmark(Description = "page in the middle by keyset (next page)")]
    public int MiddlePageKeyset() => Read(OrderHistoryFilter.None, new HistorySeek.After(middleKey, 0)).Count;

    [Benchmark(Description = "page in the middle by offset (jump)")]
    public int MiddlePageOffset() => Read(OrderHistoryFilter.None, new HistorySeek.FromStart(total / 2)).Count;

    [Benchmark(Description = "last page, read from the end")]
    public int LastPage() => Read(OrderHistoryFilter.None, new HistorySeek.FromEnd(0)).Count;

    [Benchmark(Description = "Edenred, last 30 days: count + first page")]
    public int FilteredMonthIssuer() => reader.CountAsync(lastMonthEdenred).GetAwaiter().GetResult() + Read(lastMonthEdenred, new HistorySeek.FromStart(0)).Count;

    [Benchmark(Description = "status Refunded: count + first page")]
    public int FilteredStatus() => reader.CountAsync(refunded).GetAwaiter().GetResult() + Read(refunded, new HistorySeek.FromStart(0)).Count;

    [Benchmark(Description = "search order number")]
    public int SearchNumber() => Read(new OrderHistoryFilter { Search = knownNumber }, new HistorySeek.FromStart(0)).Count;

    [Benchmark(Description = "search card last four: count + first page")]
    public int SearchLastFour()
    {
        var filter = new OrderHistoryFilter { Search = "4242" };
        return reader.CountAsync(filter).GetAwaiter().GetResult() + Read(filter, new HistorySeek.FromStart(0)).Count;
    }

    [Benchmark(Description = "search voucher account: count + first page")]
    public int SearchVoucherAccount()
    {
        var filter = new OrderHistoryFilter { Search = knownAccount };
        return reader.CountAsync(filter).GetAwaiter().GetResult() + Read(filter, new HistorySeek.FromStart(0)).Count;
    }

    private IReadOnlyList<OrderHistoryRow> Read(OrderHistoryFilter filter, HistorySeek seek, int take = PageSize) =>
        reader.ReadAsync(filter, OrderHistorySort.NewestFirst, seek, take).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();
}
