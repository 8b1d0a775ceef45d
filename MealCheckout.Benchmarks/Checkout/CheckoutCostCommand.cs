using System.Diagnostics;
using System.Globalization;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// <c>checkout-cost [count]</c>: pays <c>count</c> split checkouts one after the other and as many again
/// with 8 in flight, and sends the bare provider sequence as often, then prints per checkout the SQL
/// commands, connections opened, log entries at Information, bytes allocated and CPU time (the last two for
/// the whole process, sandbox included, so compare them with the bare line), and checkouts per second.
/// </summary>
public static class CheckoutCostCommand
{
    private const int InFlight = 8;

    public static async Task RunAsync(int count)
    {
        await using var shop = await InProcessShop.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            await shop.PayAsync(-1 - i); // warm: JIT, pools, the model
            await shop.BareCallsAsync();
        }
        Console.WriteLine("what (per checkout)               sql  conns  logs  alloc KB  CPU ms  per second");
        await MeasureAsync("split checkout, one at a time", shop, count, 1, shop.PayAsync);
        await MeasureAsync("bare provider calls, one at a time", shop, count, 1, _ => shop.BareCallsAsync());
        await MeasureAsync($"split checkout, {InFlight} in flight", shop, count, InFlight, shop.PayAsync);
        await MeasureAsync($"bare provider calls, {InFlight} in flight", shop, count, InFlight, _ => shop.BareCallsAsync());
    }

    private static async Task MeasureAsync(string what, InProcessShop shop, int count, int inFlight, Func<int, Task> once)
    {
        var (sql, connections, logs) = (shop.Sql.Commands, shop.Sql.ConnectionsOpened, shop.Logs.Entries);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i <= count; i = Interlocked.Increment(ref next))
            {
                await once(i);
            }
        }));
        clock.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-34} {(shop.Sql.Commands - sql) / (double)count,4:0.#} {(shop.Sql.ConnectionsOpened - connections) / (double)count,6:0.#} {(shop.Logs.Entries - logs) / (double)count,5:0.#} {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / count,9:0} {cpuMs / count,7:0.00} {count / clock.Elapsed.TotalSeconds,11:0}"));
    }
}
