using MealCheckout.Core.Menu;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Puts the demo restaurant and its menu in an empty database; once present, only fills in the
/// receipt's address and SIRET that a database from before receipts lacks.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Restaurants.AnyAsync(r => r.Slug == DemoRestaurant.Slug, cancellationToken))
        {
            var demo = DemoRestaurant.Restaurant;
            await db.Restaurants.Where(r => r.Slug == DemoRestaurant.Slug && r.Siret == "")
                .ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.StreetAddress, demo.StreetAddress)
                    .SetProperty(r => r.PostalCode, demo.PostalCode)
                    .SetProperty(r => r.Siret, demo.Siret), cancellationToken);
            return;
        }
        db.Restaurants.Add(DemoRestaurant.Restaurant);
        db.MenuCategories.AddRange(DemoRestaurant.Categories);
        db.MenuItems.AddRange(DemoRestaurant.Items);
        await db.SaveChangesAsync(cancellationToken);
    }
}
