using System.Globalization;
using System.Security.Cryptography;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>
/// Edenred identifies a write by its operation, its target and its <c>tstamp</c>. A new tstamp is
/// the current second plus random sub-second ticks, so two writes of the same diner made in the
/// same instant stay distinct; it is stored as the call's idempotency key and sent again, unchanged,
/// on every replay.
/// </summary>
public static class EdenredTstamp
{
    public static string New(DateTimeOffset now)
    {
        var second = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return second.AddTicks(RandomNumberGenerator.GetInt32((int)TimeSpan.TicksPerSecond))
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }
}
