using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Staff.Settlement;

/// <summary>
/// What each issuer owes per Paris day: money captured minus money refunded, by the moment each
/// leg moved (its Captured or Refunded transition), so a day's figures never change afterwards
/// except through that day's own events.
/// </summary>
public sealed class SettlementReport(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    /// <summary>Rows for every day and issuer with activity between the two Paris days, both included, by day then issuer.</summary>
    public async Task<IReadOnlyList<SettlementRow>> ForDaysAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        if (lastDay < firstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), "The last day comes before the first.");
        }
        var start = ParisCalendar.DayBounds(firstDay).StartUtc;
        var end = ParisCalendar.DayBounds(lastDay).EndUtc;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var moves = await db.LegTransitions
            .Where(t => (t.To == LegState.Captured || t.To == LegState.Refunded) && t.At >= start && t.At < end)
            .Join(db.PaymentLegs, t => t.PaymentLegId, l => l.Id, (t, l) => new { t.At, t.To, l.Kind, l.Issuer, l.OrderId, l.CapturedAmount, l.RefundedAmount })
            .ToListAsync(cancellationToken);

        // The Paris day of an instant depends on daylight saving, which SQLite does not know: grouped here.
        return moves
            .GroupBy(m => (Day: ParisCalendar.DayOf(m.At), Issuer: SettlementRow.IssuerOf(m.Kind, m.Issuer)))
            .Select(g =>
            {
                var captured = g.Where(m => m.To == LegState.Captured).ToList();
                var refunded = g.Where(m => m.To == LegState.Refunded).ToList();
                return new SettlementRow(g.Key.Day, g.Key.Issuer,
                    captured.Select(m => m.OrderId).Distinct().Count(), Sum(captured.Select(m => m.CapturedAmount)),
                    refunded.Select(m => m.OrderId).Distinct().Count(), Sum(refunded.Select(m => m.RefundedAmount)));
            })
            .OrderBy(r => r.Day).ThenBy(r => r.Issuer)
            .ToList();
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, a) => sum + a);
}
