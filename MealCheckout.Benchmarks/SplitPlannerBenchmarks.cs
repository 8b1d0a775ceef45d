using BenchmarkDotNet.Attributes;
using MealCheckout.Core;
using MealCheckout.Core.Checkout;

namespace MealCheckout.Benchmarks;

/// <summary>The split runs on every basket change of the checkout page: it must cost nothing.</summary>
[MemoryDiagnoser]
public class SplitPlannerBenchmarks
{
    private readonly SplitPlanner planner = new();
    private readonly SplitRequest request = new(Money.FromCents(4250), Money.FromCents(3700), Money.FromCents(2000),
        Money.FromCents(2500), Money.FromCents(600), Money.FromCents(150));

    [Benchmark]
    public SplitPlan Plan() => planner.Plan(request);
}
