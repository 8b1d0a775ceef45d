using BenchmarkDotNet.Attributes;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// One split checkout through the app against the same six provider calls sent back to back by the
/// app's own provider client, and against those calls with the checkout's rows written between them as raw SQL,
/// in the same run. Counts per checkout (SQL commands, log entries, CPU,
/// throughput with 8 in flight) come from the <c>checkout-cost</c> command.
/// </summary>
[MemoryDiagnoser]
public class CheckoutBenchmarks
{
    private readonly SqliteShopDatabase database = new();
    private InProcessShop shop = default!;
    private int payer;

    [GlobalSetup]
    public void Setup() => shop = InProcessShop.StartAsync(database).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "the six provider calls, bare")]
    public Task BareCalls() => shop.BareCallsAsync();

    [Benchmark(Description = "the six provider calls with the checkout's writes as raw SQL")]
    public Task CallsWithRawWrites() => shop.CallsWithRawWritesAsync();

    [Benchmark(Description = "split checkout through ConecsCheckout")]
    public Task SplitCheckout() => shop.PayAsync(Interlocked.Increment(ref payer));

    [GlobalCleanup]
    public void Cleanup()
    {
        shop.DisposeAsync().AsTask().GetAwaiter().GetResult();
        database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
