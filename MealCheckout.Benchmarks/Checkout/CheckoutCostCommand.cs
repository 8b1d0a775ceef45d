using System.Diagnostics;
using System.Globalization;
using MealCheckout.Core.Diagnostics;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// <c>checkout-cost [count]</c> (<see cref="CheckoutCostArguments"/>): on a new SQLite file, or a new database on the
/// PostgreSQL server given with <c>--postgresql</c>, pays <c>count</c> split checkouts one after the other and as many again
/// with 8 in flight, and sends the bare provider sequence as often, then prints per checkout the SQL
/// commands and transactions, provider calls, connections opened, log entries at Information, bytes allocated and CPU time
/// (user and kernel, for the whole process, sandbox included, so compare them with the bare line; a PostgreSQL
/// server's own work is not in it; and how
/// many methods the JIT compiled meanwhile: new code apart from the tiered JIT's recompilations), and checkouts per
/// second. Then, with the sandbox's latency fault at 50 ms on every call, it times checkouts and bare
/// sequences taken in turn. The machine's load average is printed beside the figures.
/// </summary>
public static class CheckoutCostCommand
{
    private const int InFlight = 8;
    private const int LatencyMilliseconds = 50;
    private const int LatencyRounds = 20;

    /// <summary>
    /// Warm-up goes on, in blocks (a round is a checkout one at a time and one among 8 in flight, each with its bare
    /// and raw SQL references), until the tiered JIT has nearly finished recompiling the hot code (at most one method
    /// per round): a checkout touches thousands of methods (EF Core, Kestrel, HttpClient, SQLite), and their
    /// recompilation lasts hundreds of checkouts. A run measured before it ends counts the JIT's work: 4 to 5
    /// methods recompiled per checkout put 10 to 11.5 ms of user CPU on a checkout that costs 6 to 7.5 ms once settled.
    /// The cap only bounds the run's length; the sandbox's cards never run out here.
    /// </summary>
    private const int WarmUpBlock = 20;
    private const int MaxWarmUpRounds = 1500;

    public static async Task RunAsync(CheckoutCostArguments arguments)
    {
        var (count, floor) = (arguments.Count, arguments.Floor);
        await using ShopDatabase database = arguments.PostgreSql is null ? new SqliteShopDatabase() : await PostgreSqlShopDatabase.CreateAsync(arguments.PostgreSql);
        await using var shop = await InProcessShop.StartAsync(database, floor);
        Console.WriteLine($"database: {database.Description}");
        // Made once, before warm-up: subscribing to the runtime's events costs more CPU than a checkout, and was
        // counted in each measurement when the watch was made inside it.
        using var jit = new JitCompilationWatch();
        var rounds = 0;
        var settled = false;
        for (; !settled && rounds < MaxWarmUpRounds; rounds += WarmUpBlock)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach (var inFlight in new[] { 1, InFlight }) // warm: JIT and its tiers, pools, the model, one at a time and concurrently
            {
                var payers = -1_000_000 * inFlight - rounds; // negative, apart from the measured checkouts' payers
                await InFlightAsync(WarmUpBlock, inFlight, i => shop.PayAsync(payers - i));
                await InFlightAsync(WarmUpBlock, inFlight, _ => shop.BareCallsAsync());
                await InFlightAsync(WarmUpBlock, inFlight, _ => shop.CallsWithRawWritesAsync());
            }
            settled = System.Runtime.JitInfo.GetCompiledMethodCount() - before <= 2 * WarmUpBlock;
        }
        await Task.Delay(TimeSpan.FromSeconds(1)); // the last recompilations, off the clock
        Console.WriteLine($"warm-up: {rounds} rounds{(settled ? "" : " (the JIT had not settled: CPU figures count its work)")}; load average before: {LoadAverage()}; raw SQL floor: {floor}");
        Console.WriteLine("what (per checkout)                  calls  sql  tx  conns  logs  alloc KB  user ms  kernel ms  JIT new  JIT recompiled  per second");
        await MeasureAsync("split checkout, one at a time", shop, jit, count, 1, shop.PayAsync);
        await MeasureAsync("bare provider calls, one at a time", shop, jit, count, 1, _ => shop.BareCallsAsync());
        await MeasureAsync("bare calls + raw SQL, one at a time", shop, jit, count, 1, _ => shop.CallsWithRawWritesAsync());
        await MeasureAsync($"split checkout, {InFlight} in flight", shop, jit, count, InFlight, shop.PayAsync);
        await MeasureAsync($"bare provider calls, {InFlight} in flight", shop, jit, count, InFlight, _ => shop.BareCallsAsync());
        await MeasureAsync($"bare calls + raw SQL, {InFlight} in flight", shop, jit, count, InFlight, _ => shop.CallsWithRawWritesAsync());
        Console.WriteLine($"load average after: {LoadAverage()}");

        shop.DelayEveryProviderCall(LatencyMilliseconds);
        var app = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < LatencyRounds; i++)
        {
            // Taken in turn, so a burst of load from elsewhere falls on both alike.
            app.Add(await TimeAsync(() => shop.PayAsync(100_000 + i)));
            bare.Add(await TimeAsync(shop.BareCallsAsync));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{LatencyMilliseconds} ms on every provider call, {LatencyRounds} of each in turn: split checkout median {Median(app):0.0} ms, bare calls median {Median(bare):0.0} ms, ratio {Median(app) / Median(bare):0.000}; means {app.Average():0.0} / {bare.Average():0.0} ms"));
        Console.WriteLine($"load average at the end: {LoadAverage()}");
    }

    private static async Task MeasureAsync(string what, InProcessShop shop, JitCompilationWatch jit, int count, int inFlight, Func<int, Task> once)
    {
        jit.Start();
        var (calls, sql, transactions, connections, logs) = (shop.ProviderCalls, shop.Sql.Commands, shop.Sql.Transactions, shop.Sql.ConnectionsOpened, shop.Logs.Entries);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        using var process = Process.GetCurrentProcess();
        var (user, kernel) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var clock = Stopwatch.StartNew();
        await InFlightAsync(count, inFlight, once);
        clock.Stop();
        process.Refresh();
        var userMs = (process.UserProcessorTime - user).TotalMilliseconds;
        var kernelMs = (process.PrivilegedProcessorTime - kernel).TotalMilliseconds;
        var compiled = jit.Stop();
        var newCode = compiled.Count(m => m.FirstCompilation || m.IsGeneratedCode);
        foreach (var method in compiled.Where(m => m.FirstCompilation || m.IsGeneratedCode).Select(m => m.ToString()).Distinct().Take(10))
        {
            Console.WriteLine($"  new code: {method}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-36} {(shop.ProviderCalls - calls) / (double)count,5:0.#} {(shop.Sql.Commands - sql) / (double)count,4:0.#} {(shop.Sql.Transactions - transactions) / (double)count,3:0.#} {(shop.Sql.ConnectionsOpened - connections) / (double)count,6:0.#} {(shop.Logs.Entries - logs) / (double)count,5:0.#} {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count,9:0} {userMs / count,8:0.00} {kernelMs / count,10:0.00} {newCode / (double)count,8:0.00} {(compiled.Count - newCode) / (double)count,14:0.0} {count / clock.Elapsed.TotalSeconds,11:0}"));
    }

    /// <summary>Runs <paramref name="once"/> for 1 to <paramref name="count"/>, with <paramref name="inFlight"/> running at any time.</summary>
    private static async Task InFlightAsync(int count, int inFlight, Func<int, Task> once)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
            {
                await once(i);
            }
        }));
    }

    private static async Task<double> TimeAsync(Func<Task> once)
    {
        var started = Stopwatch.GetTimestamp();
        await once();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
