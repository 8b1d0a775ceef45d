using MealCheckout.Core.Calendar;

namespace MealCheckout.Tests.Unit.Calendar;

public sealed class FrenchPublicHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_Sunday_matches_the_Gregorian_calendar(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FrenchPublicHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2026-04-06")] // Easter Monday
    [InlineData("2026-05-14")] // Ascension
    [InlineData("2026-05-25")] // Whit Monday
    [InlineData("2026-01-01")]
    [InlineData("2026-05-01")]
    [InlineData("2026-05-08")]
    [InlineData("2026-07-14")]
    [InlineData("2026-08-15")]
    [InlineData("2026-11-01")]
    [InlineData("2026-11-11")]
    [InlineData("2026-12-25")]
    [InlineData("2025-06-09")] // Whit Monday 2025
    public void Recognises_every_public_holiday(string day) =>
        Assert.True(FrenchPublicHolidays.IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-04-05")] // Easter Sunday itself is a Sunday, not a listed holiday
    [InlineData("2026-12-26")] // St Stephen's day is a holiday only in Alsace-Moselle
    [InlineData("2026-11-23")]
    public void Ordinary_days_are_not_holidays(string day) =>
        Assert.False(FrenchPublicHolidays.IsHoliday(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_year_has_eleven_holidays() => Assert.Equal(11, FrenchPublicHolidays.For(2026).Count);
}
