using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>
/// Limits refund actions per manager in a sliding minute on the app's <see cref="TimeProvider"/>.
/// Enforced by the service: the staff page's clicks travel over one circuit no HTTP limiter sees.
/// </summary>
public sealed class RefundAttemptLimiter(TimeProvider time, IOptions<RefundOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> recent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True, and counted, when <paramref name="manager"/> may start one more refund action.</summary>
    public bool TryStart(string manager)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!recent.TryGetValue(manager, out var attempts))
            {
                recent[manager] = attempts = new Queue<DateTimeOffset>();
            }
            while (attempts.Count > 0 && now - attempts.Peek() >= Minute)
            {
                attempts.Dequeue();
            }
            if (attempts.Count >= options.Value.PerManagerPerMinute)
            {
                return false;
            }
            attempts.Enqueue(now);
            return true;
        }
    }
}
