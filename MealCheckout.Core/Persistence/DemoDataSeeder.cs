using MealCheckout.Core.Menu;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Puts the demo restaurant and its menu in an empty database; once present, only fills in the
/// receipt's address and SIRET that a database from before receipts lacks.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    public Task SeedAsync(CancellationToken cancellationToken = default) => SeedAsync(withDemoIssuers: true, cancellationToken);

    /// <param name="withDemoIssuers">Accept every issuer with the sandbox's merchant IDs; Production leaves that to a manager.</param>
    public async Task SeedAsync(bool withDemoIssuers, CancellationToken cancellationToken)
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
            if (withDemoIssuers)
            {
                await AddDemoIssuersAsync(db, cancellationToken);
            }
            return;
        }
        db.Restaurants.Add(DemoRestaurant.Restaurant);
        db.MenuCategories.AddRange(DemoRestaurant.Categories);
        db.MenuItems.AddRange(DemoRestaurant.Items);
        await db.SaveChangesAsync(cancellationToken);
        if (withDemoIssuers)
        {
            await AddDemoIssuersAsync(db, cancellationToken);
        }
    }

    /// <summary>The demo accepts every issuer, with the sandbox's merchant IDs, unless a manager already set them.</summary>
    private static async Task AddDemoIssuersAsync(MealCheckoutDbContext db, CancellationToken cancellationToken)
    {
        if (await db.RestaurantIssuers.AnyAsync(i => i.RestaurantId == DemoRestaurant.Restaurant.Id, cancellationToken))
        {
            return;
        }
        db.RestaurantIssuers.AddRange(DemoRestaurant.Issuers);
        await db.SaveChangesAsync(cancellationToken);
    }
}
