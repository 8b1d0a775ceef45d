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

    public DateOnly Today() => DayOf(time.GetUtcNow());

    /// <summary>The wall-clock time in Paris, for showing times to diners and staff.</summary>
    public static DateTimeOffset ToParis(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    /// <summary>From midnight Paris to the next midnight Paris, in UTC: 23 or 25 hours on DST change days.</summary>
    public static (DateTimeOffset StartUtc, DateTimeOffset EndUtc) DayBounds(DateOnly day) =>
        (MidnightUtc(day), MidnightUtc(day.AddDays(1)));

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
