using MealCheckout.Core.Calendar;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// The real clock moved on by one Paris working day before each benchmark checkout. The benchmark pays
/// hundreds of checkouts with one voucher card, and its daily cap would otherwise be spent during the
/// warm-up, leaving the measured rows card-only; a fresh weekday keeps every checkout a real split under
/// the restaurant's real rules (no Sunday or holiday, where issuers may refuse).
/// </summary>
internal sealed class OneWeekdayPerCheckoutClock : TimeProvider
{
    private readonly Lock gate = new();
    private int daysAhead;

    public void NextWorkingDay()
    {
        lock (gate)
        {
            do
            {
                daysAhead++;
            }
            while (ParisCalendar.IsSundayOrPublicHoliday(ParisCalendar.DayOf(System.GetUtcNow().AddDays(daysAhead))));
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return System.GetUtcNow().AddDays(daysAhead);
        }
    }
}
