using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Receipts;

/// <summary>Reads a receipt for whoever holds its key; without the right key there is no receipt, whatever the number.</summary>
public sealed class ReceiptQuery(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    public async Task<Receipt?> FindAsync(ReceiptKey key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.AsNoTracking().AsSplitQuery()
            .Include(o => o.Lines)
            .Include(o => o.Legs).ThenInclude(l => l.Transitions)
            .FirstOrDefaultAsync(o => o.Number == key.OrderNumber, cancellationToken);
        if (order is null || !ReceiptKeys.Opens(order.ReceiptKeyHash, key.Secret))
        {
            return null;
        }
        var restaurant = await db.Restaurants.AsNoTracking().FirstOrDefaultAsync(r => r.Id == order.RestaurantId, cancellationToken);
        return restaurant is null ? null : Receipt.Of(order, restaurant);
    }
}
