using MealCheckout.Core.Calendar;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// The real clock shifted by whole days onto the next ordinary weekday (Paris time): time still
/// flows (token lifetimes, timeouts), but voucher issuers never see a Sunday or a public holiday.
/// A test may move it further forward, e.g. past a rate-limit window.
/// </summary>
public sealed class WeekdayTimeProvider : TimeProvider
{
    private TimeSpan shift;

    public WeekdayTimeProvider()
    {
        var now = System.GetUtcNow();
        var days = 0;
        // Stay clear of midnight too: a test running across it would see two Paris days.
        while (ParisCalendar.Kind(ParisCalendar.DayOf(now.AddDays(days))) is not DayKind.Weekday)
        {
            days++;
        }
        shift = TimeSpan.FromDays(days);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;

    public void Advance(TimeSpan by) => shift += by;
}
