namespace MealCheckout.Core.Calendar;

/// <summary>A public holiday of metropolitan France.</summary>
public sealed record PublicHoliday(DateOnly Date, string NameFr, string NameEn);

/// <summary>
/// The eleven public holidays of metropolitan France (Code du travail L3133-1). Meal-voucher
/// issuers refuse payments on them, as on Sundays, unless the employer allowed it.
/// </summary>
public static class FrenchPublicHolidays
{
    public static bool IsHoliday(DateOnly day) => For(day.Year).Any(h => h.Date == day);

    public static IReadOnlyList<PublicHoliday> For(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            new(new DateOnly(year, 1, 1), "Jour de l'an", "New Year's Day"),
            new(easter.AddDays(1), "Lundi de Pâques", "Easter Monday"),
            new(new DateOnly(year, 5, 1), "Fête du Travail", "Labour Day"),
            new(new DateOnly(year, 5, 8), "Victoire 1945", "Victory in Europe Day"),
            new(easter.AddDays(39), "Ascension", "Ascension Day"),
            new(easter.AddDays(50), "Lundi de Pentecôte", "Whit Monday"),
            new(new DateOnly(year, 7, 14), "Fête nationale", "Bastille Day"),
            new(new DateOnly(year, 8, 15), "Assomption", "Assumption Day"),
            new(new DateOnly(year, 11, 1), "Toussaint", "All Saints' Day"),
            new(new DateOnly(year, 11, 11), "Armistice 1918", "Armistice Day"),
            new(new DateOnly(year, 12, 25), "Noël", "Christmas Day"),
        ];
    }

    /// <summary>Gregorian Easter Sunday by the anonymous (Meeus/Jones/Butcher) algorithm.</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
