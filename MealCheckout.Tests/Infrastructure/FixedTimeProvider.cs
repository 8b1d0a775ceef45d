namespace MealCheckout.Tests.Infrastructure;

/// <summary>A clock the test sets and moves by hand.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;

    public void Set(DateTimeOffset instant) => now = instant;
}
