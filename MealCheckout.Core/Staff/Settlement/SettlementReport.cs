using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Staff.Settlement;

/// <summary>
/// What each issuer owes per Paris day: money captured, money refunded (whole legs and parts), money
/// given back off the platform for voucher legs the issuer does not refund, the issuer's commission
/// and the net it should pay. Each amount counts by the moment it happened (a leg's Captured or
/// refund step, a compensation's recording), so a day's figures never change afterwards except
/// through that day's own events.
/// </summary>
public sealed class SettlementReport(IDbContextFactory<MealCheckoutDbContext> contexts, IOptions<IssuerCommissionOptions> commissions)
{
    private enum Movement
    {
        Captured,
        Refunded,
        Compensated,
    }

    private sealed record Event(DateTimeOffset At, Movement Movement, LegKind Kind, VoucherIssuer? Issuer, Guid OrderId, Money Amount);

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
            .Join(db.PaymentLegs, t => t.PaymentLegId, l => l.Id, (t, l) => new { t.At, t.From, t.To, t.Amount, l.Kind, l.Issuer, l.OrderId, l.CapturedAmount, l.RefundedAmount })
            .ToListAsync(cancellationToken);
        var given = await db.Compensations
            .Where(c => c.Way == CompensationWay.OffPlatform && c.RecordedAt >= start && c.RecordedAt < end)
            .Join(db.PaymentLegs, c => c.PaymentLegId, l => l.Id, (c, l) => new { c.RecordedAt, c.Amount, l.Kind, l.Issuer, l.OrderId })
            .ToListAsync(cancellationToken);

        var events = moves
            .Select(m => m.To == LegState.Captured && m.From != LegState.Captured
                ? new Event(m.At, Movement.Captured, m.Kind, m.Issuer, m.OrderId, m.CapturedAmount)
                : new Event(m.At, Movement.Refunded, m.Kind, m.Issuer, m.OrderId, m.Amount ?? m.RefundedAmount))
            .Concat(given.Select(c => new Event(c.RecordedAt, Movement.Compensated, c.Kind, c.Issuer, c.OrderId, c.Amount)));

        // The Paris day of an instant depends on daylight saving, which SQLite does not know: grouped here.
        return events
            .GroupBy(e => (Day: ParisCalendar.DayOf(e.At), Issuer: SettlementRow.IssuerOf(e.Kind, e.Issuer)))
            .Select(g =>
            {
                var captured = g.Where(e => e.Movement == Movement.Captured).ToList();
                var refunded = g.Where(e => e.Movement == Movement.Refunded).ToList();
                var capturedAmount = Sum(captured);
                return new SettlementRow(g.Key.Day, g.Key.Issuer,
                    captured.Select(e => e.OrderId).Distinct().Count(), capturedAmount,
                    refunded.Select(e => e.OrderId).Distinct().Count(), Sum(refunded),
                    Sum(g.Where(e => e.Movement == Movement.Compensated)),
                    commissions.Value.CommissionOn(g.Key.Issuer, capturedAmount));
            })
            .OrderBy(r => r.Day).ThenBy(r => r.Issuer)
            .ToList();
    }

    private static Money Sum(IEnumerable<Event> events) => events.Aggregate(Money.Zero, (sum, e) => sum + e.Amount);
}
