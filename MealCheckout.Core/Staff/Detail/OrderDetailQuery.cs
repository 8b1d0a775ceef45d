using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Staff.Detail;

/// <summary>Finds an order by the number on the diner's receipt and assembles its detail.</summary>
public sealed class OrderDetailQuery(IDbContextFactory<MealCheckoutDbContext> contexts, IOrderStore orders)
{
    public async Task<OrderDetail?> FindAsync(string orderNumber, CancellationToken cancellationToken = default)
    {
        var number = orderNumber.Trim().ToUpperInvariant();
        Guid id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            id = await db.Orders.Where(o => o.Number == number).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (id == Guid.Empty || await orders.FindAsync(id, cancellationToken) is not { } order)
        {
            return null;
        }
        var timeline = order.Legs
            .SelectMany(leg => leg.Transitions.Select(t => new TimelineEntry(t.At, leg, t.From, t.To, t.Reason, t.Amount)))
            .Concat(order.Compensations.Select(c =>
            {
                var leg = order.Legs.Single(l => l.Id == c.PaymentLegId);
                return new TimelineEntry(c.RecordedAt, leg, leg.State, leg.State, c.Reason, c.Amount, c);
            }))
            .OrderBy(e => e.At).ThenBy(e => e.To)
            .ToList();
        return new OrderDetail(order, SplitReasonOf(order), timeline);
    }

    /// <summary>
    /// The checkout records the split planner's verdict as the reason of the voucher leg's first
    /// move. An order with nothing eligible needs no record; any other card-only order does not say.
    /// </summary>
    private static SplitLimit? SplitReasonOf(Order order)
    {
        var recorded = order.Legs
            .Where(l => l.Kind == LegKind.Voucher)
            .SelectMany(l => l.Transitions)
            .Where(t => t.From == LegState.Planned)
            .Select(t => Enum.TryParse<SplitLimit>(t.Reason, out var limit) ? limit : (SplitLimit?)null)
            .FirstOrDefault(l => l is not null);
        return recorded ?? (order.EligibleSubtotal.IsZero ? SplitLimit.NothingEligible : null);
    }
}
