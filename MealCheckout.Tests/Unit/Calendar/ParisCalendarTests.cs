using MealCheckout.Core.Calendar;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Unit.Calendar;

public sealed class ParisCalendarTests
{
    [Theory]
    // Winter (UTC+1): 22:59:59Z is 23:59:59 in Paris, 23:00:00Z is already the next day.
    [InlineData("2026-01-15T22:59:59Z", "2026-01-15")]
    [InlineData("2026-01-15T23:00:00Z", "2026-01-16")]
    // Summer (UTC+2): midnight Paris is 22:00Z.
    [InlineData("2026-07-15T21:59:59Z", "2026-07-15")]
    [InlineData("2026-07-15T22:00:00Z", "2026-07-16")]
    // A UTC date that is still "yesterday" in neither zone: 00:30Z is 01:30 or 02:30 Paris, same day.
    [InlineData("2026-07-16T00:30:00Z", "2026-07-16")]
    public void Today_is_the_Paris_calendar_day(string utcInstant, string expectedDay)
    {
        var calendar = new ParisCalendar(new FixedTimeProvider(DateTimeOffset.Parse(utcInstant, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(DateOnly.Parse(expectedDay, System.Globalization.CultureInfo.InvariantCulture), calendar.Today());
    }

    [Fact]
    public void Spring_forward_day_lasts_23_hours()
    {
        var (start, end) = ParisCalendar.DayBounds(new DateOnly(2026, 3, 29));

        Assert.Equal(DateTimeOffset.Parse("2026-03-28T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Fact]
    public void Fall_back_day_lasts_25_hours()
    {
        var (start, end) = ParisCalendar.DayBounds(new DateOnly(2026, 10, 25));

        Assert.Equal(DateTimeOffset.Parse("2026-10-24T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Fact]
    public void Instants_around_the_DST_change_land_on_the_right_day()
    {
        // 2026-03-29 01:59:59 Paris (UTC+1) = 00:59:59Z; one second later clocks jump to 03:00 (UTC+2).
        Assert.Equal(new DateOnly(2026, 3, 29), ParisCalendar.DayOf(DateTimeOffset.Parse("2026-03-29T00:59:59Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2026, 3, 29), ParisCalendar.DayOf(DateTimeOffset.Parse("2026-03-29T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2026, 3, 29), ParisCalendar.DayOf(DateTimeOffset.Parse("2026-03-29T21:59:59Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2026, 3, 30), ParisCalendar.DayOf(DateTimeOffset.Parse("2026-03-29T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        // Fall back: 22:59:59Z on the 25th is 23:59:59 Paris (UTC+1).
        Assert.Equal(new DateOnly(2026, 10, 25), ParisCalendar.DayOf(DateTimeOffset.Parse("2026-10-25T22:59:59Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2026, 10, 26), ParisCalendar.DayOf(DateTimeOffset.Parse("2026-10-25T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-11-22", DayKind.Sunday)]
    [InlineData("2026-11-21", DayKind.Saturday)]
    [InlineData("2026-11-23", DayKind.Weekday)]
    [InlineData("2026-11-11", DayKind.PublicHoliday)]
    [InlineData("2026-05-25", DayKind.PublicHoliday)]
    public void Classifies_days_for_the_voucher_warning(string day, DayKind expected) =>
        Assert.Equal(expected, ParisCalendar.Kind(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
}
