namespace MealCheckout.Core.Limits;

/// <summary>
/// Attempts counted in sliding windows on the app's <see cref="TimeProvider"/>, by key. On SQLite (one
/// instance) in memory; on PostgreSQL in the database, so every instance sees the same counts
/// (docs/decisions/0027).
/// </summary>
public interface IAttemptCounts
{
    /// <summary>
    /// True when every limit has room in its window ending now, and then one attempt is counted against
    /// each limit that counts; false, and nothing counted, when any is full. Check and count are one step
    /// for every instance: two attempts racing for the last place cannot both take it.
    /// </summary>
    ValueTask<bool> TryCountAsync(IReadOnlyList<AttemptLimit> limits, CancellationToken cancellationToken = default);

    /// <summary>Counts one attempt under <paramref name="key"/> for <paramref name="window"/>; returns the key's attempts now in their windows, this one included.</summary>
    ValueTask<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one more attempt in the key's run: every attempt of the run stays until <paramref name="quiet"/>
    /// has passed with no other, when the run is forgotten. Returns the attempts in the run, this one included.
    /// </summary>
    ValueTask<int> CountInRunAsync(string key, TimeSpan quiet, CancellationToken cancellationToken = default);

    /// <summary>The key's attempts still in their windows.</summary>
    ValueTask<int> RecentAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Forgets every attempt under <paramref name="key"/>.</summary>
    ValueTask ForgetAsync(string key, CancellationToken cancellationToken = default);
}
