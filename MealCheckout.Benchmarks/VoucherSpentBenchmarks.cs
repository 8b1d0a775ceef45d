using BenchmarkDotNet.Attributes;
using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Benchmarks;

/// <summary>
/// "What did this voucher account already spend today here" is read inside the write transaction
/// of every voucher checkout, so it bounds checkout throughput. Measured on a real SQLite file
/// holding <see cref="Orders"/> orders spread over a year.
/// </summary>
[MemoryDiagnoser]
public class VoucherSpentBenchmarks
{
    private ServiceProvider services = default!;
    private IOrderStore store = default!;
    private string folder = "";
    private (DateTimeOffset Start, DateTimeOffset End) today;

    [Params(10_000, 100_000)]
    public int Orders { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "mealcheckout-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MealCheckout"] = $"Data Source={Path.Combine(folder, "bench.db")}",
        }).Build();
        services = new ServiceCollection().AddLogging().AddMealCheckoutPersistence(configuration, folder).BuildServiceProvider();
        services.GetRequiredService<DatabaseMigrator>().MigrateAsync().GetAwaiter().GetResult();
        store = services.GetRequiredService<IOrderStore>();
        var now = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);
        today = ParisCalendar.DayBounds(ParisCalendar.DayOf(now));
        var random = new Random(42);
        var contexts = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<MealCheckoutDbContext>>();
        var db = contexts.CreateDbContext();
        for (var i = 0; i < Orders; i++)
        {
            var at = now.AddMinutes(-random.Next(0, 365 * 24 * 60));
            var order = Order.Create(Guid.NewGuid(), OrderNumber.New(ParisCalendar.DayOf(at)), "fr-FR", Fulfilment.Pickup,
                [new NewOrderLine("Plat", ItemKind.Food, Money.FromCents(1500), 1)], at);
            var leg = order.AddVoucherLeg(VoucherIssuer.Bimpli, $"•••• {random.Next(0, 500):0000}", Money.FromCents(1500), at);
            leg.MoveTo(LegState.Authorizing, at);
            leg.Captured(leg.Amount, at);
            order.RefreshStatus();
            db.Orders.Add(order);
            if (i % 5_000 == 4_999)
            {
                db.SaveChanges();
                db.Dispose();
                db = contexts.CreateDbContext();
            }
        }
        db.SaveChanges();
        db.Dispose();
    }

    [Benchmark]
    public Money SpentToday() => store.VoucherSpentAsync(VoucherIssuer.Bimpli, "•••• 0042", today.Start, today.End).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
