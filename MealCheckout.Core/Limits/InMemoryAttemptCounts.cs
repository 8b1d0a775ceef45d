namespace MealCheckout.Core.Limits;

/// <summary>
/// Attempt counts in this instance's memory: the SQLite app runs as one instance, and a payment on it
/// must not cost an extra write. Each key keeps the moments its attempts leave their window.
/// </summary>
public sealed class InMemoryAttemptCounts(TimeProvider time) : IAttemptCounts
{
    /// <summary>How often keys with nothing left in their windows are forgotten, so circuits and cards seen once do not pile up.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> expiries = new(StringComparer.Ordinal);
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    public ValueTask<bool> TryCountAsync(IReadOnlyList<AttemptLimit> limits, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            SweepIdle(now);
            if (limits.Any(limit => Live(limit.Key, now).Count >= limit.Limit))
            {
                return ValueTask.FromResult(false);
            }
            foreach (var limit in limits.Where(l => l.Counts).DistinctBy(l => l.Key))
            {
                Live(limit.Key, now).Enqueue(now + limit.Window);
            }
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            SweepIdle(now);
            var live = Live(key, now);
            live.Enqueue(now + window);
            return ValueTask.FromResult(live.Count);
        }
    }

    public ValueTask<int> CountInRunAsync(string key, TimeSpan quiet, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            SweepIdle(now);
            var run = Live(key, now).Count + 1;
            expiries[key] = new Queue<DateTimeOffset>(Enumerable.Repeat(now + quiet, run));
            return ValueTask.FromResult(run);
        }
    }

    public ValueTask<int> RecentAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return ValueTask.FromResult(Live(key, time.GetUtcNow()).Count);
        }
    }

    public ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            expiries.Remove(key);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The key's attempts still in their windows at <paramref name="now"/>, oldest first.</summary>
    private Queue<DateTimeOffset> Live(string key, DateTimeOffset now)
    {
        if (!expiries.TryGetValue(key, out var live))
        {
            live = new Queue<DateTimeOffset>();
            expiries[key] = live;
        }
        // A key is always counted with one window, so its expiries come in order.
        while (live.TryPeek(out var first) && first <= now)
        {
            live.Dequeue();
        }
        return live;
    }

    private void SweepIdle(DateTimeOffset now)
    {
        if (now - lastSweep < SweepEvery)
        {
            return;
        }
        lastSweep = now;
        foreach (var key in expiries.Where(e => e.Value.Count == 0 || e.Value.Last() <= now).Select(e => e.Key).ToList())
        {
            expiries.Remove(key);
        }
    }
}
