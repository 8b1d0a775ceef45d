namespace MealCheckout.Core.Calendar;

/// <summary>What kind of day a date is for meal-voucher payments.</summary>
public enum DayKind
{
    Weekday,
    Saturday,
    Sunday,
    PublicHoliday,
}

/// <summary>
/// "Today" for the voucher rules is the Europe/Paris calendar day, whatever the server's zone.
/// This is the one place that turns an instant into that day, so caps and warnings agree.
/// </summary>
public sealed class ParisCalendar(TimeProvider time)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// The days the app reasons about. No order predates the first; both ends stay far from the
    /// calendar's limits, where turning a Paris midnight into UTC would overflow.
    /// </summary>
    public static readonly DateOnly FirstSupportedDay = new(2000, 1, 1);

    public static readonly DateOnly LastSupportedDay = new(2099, 12, 31);

    public DateOnly Today() => DayOf(time.GetUtcNow());

    public static bool IsSupported(DateOnly day) => day >= FirstSupportedDay && day <= LastSupportedDay;

    /// <summary>The wall-clock time in Paris, for showing times to diners and staff.</summary>
    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    /// <summary>
    /// From midnight Paris to the next midnight Paris, in UTC: 23 or 25 hours on DST change days.
    /// A day outside the supported range is brought to its nearest end, which selects the same orders.
    /// </summary>
    public static (DateTimeOffset StartUtc, DateTimeOffset EndUtc) DayBounds(DateOnly day)
    {
        var supported = day < FirstSupportedDay ? FirstSupportedDay : day > LastSupportedDay ? LastSupportedDay : day;
        return (MidnightUtc(supported), MidnightUtc(supported.AddDays(1)));
    }

    public static DayKind Kind(DateOnly day) =>
        FrenchPublicHolidays.IsHoliday(day) ? DayKind.PublicHoliday
        : day.DayOfWeek == DayOfWeek.Sunday ? DayKind.Sunday
        : day.DayOfWeek == DayOfWeek.Saturday ? DayKind.Saturday
        : DayKind.Weekday;

    public static bool IsSundayOrPublicHoliday(DateOnly day) => Kind(day) is DayKind.Sunday or DayKind.PublicHoliday;

    private static DateTimeOffset MidnightUtc(DateOnly day)
    {
        // Midnight always exists in Paris (clocks change at 02:00/03:00), so the offset is unambiguous.
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }
}
