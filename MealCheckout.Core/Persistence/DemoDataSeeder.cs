using MealCheckout.Core.Menu;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Persistence;

/// <summary>Puts the demo restaurant and its menu in an empty database; does nothing once present.</summary>
public sealed class DemoDataSeeder(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Restaurants.AnyAsync(r => r.Slug == DemoRestaurant.Slug, cancellationToken))
        {
            return;
        }
        db.Restaurants.Add(DemoRestaurant.Restaurant);
        db.MenuCategories.AddRange(DemoRestaurant.Categories);
        db.MenuItems.AddRange(DemoRestaurant.Items);
        await db.SaveChangesAsync(cancellationToken);
    }
}
