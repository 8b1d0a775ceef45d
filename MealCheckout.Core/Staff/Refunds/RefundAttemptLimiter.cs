using MealCheckout.Core.Limits;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>
/// Limits refund actions per manager in a sliding minute on the app's <see cref="TimeProvider"/>.
/// Enforced by the service: the staff page's clicks travel over one circuit no HTTP limiter sees.
/// On PostgreSQL a manager's actions count together on every instance (<see cref="IAttemptCounts"/>).
/// </summary>
public sealed class RefundAttemptLimiter(IAttemptCounts counts, IOptions<RefundOptions> options)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>True, and counted, when <paramref name="manager"/> may start one more refund action.</summary>
    public ValueTask<bool> TryStartAsync(string manager, CancellationToken cancellationToken = default) =>
        // User names are compared without case, as the staff accounts compare them.
        counts.TryCountAsync([new AttemptLimit($"refund|manager|{manager.ToUpperInvariant()}", options.Value.PerManagerPerMinute, Minute)], cancellationToken);
}
