namespace MealCheckout.Tests.Integration.Performance;

/// <summary>
/// Tests that watch the whole process (what the runtime compiles) run after the parallel tests, one at a
/// time, so no other test's first run is counted against them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "Runs alone";
}
