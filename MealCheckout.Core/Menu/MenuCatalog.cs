using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Menu;

/// <summary>A restaurant's menu as the diner pages show it.</summary>
public sealed record RestaurantMenu(Guid RestaurantId, string Slug, string Name, string City, Money DeliveryFee, IReadOnlyList<MenuCategoryView> Categories);

public sealed record MenuCategoryView(Guid Id, string NameFr, string NameEn, IReadOnlyList<MenuItemView> Items);

public sealed record MenuItemView(Guid Id, string NameFr, string NameEn, string? DescriptionFr, string? DescriptionEn, Money Price, ItemKind Kind, VatRate VatRate);

public interface IMenuCatalog
{
    Task<string> GetDefaultRestaurantSlugAsync(CancellationToken cancellationToken = default);

    Task<RestaurantMenu?> GetMenuAsync(string slug, CancellationToken cancellationToken = default);
}

/// <summary>Reads menus from the database, one short-lived context per call.</summary>
public sealed class MenuCatalog(IDbContextFactory<MealCheckoutDbContext> contexts) : IMenuCatalog
{
    public async Task<string> GetDefaultRestaurantSlugAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Restaurants.OrderBy(r => r.Name).Select(r => r.Slug).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("No restaurant is configured.");
    }

    public async Task<RestaurantMenu?> GetMenuAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var restaurant = await db.Restaurants.AsNoTracking().FirstOrDefaultAsync(r => r.Slug == slug, cancellationToken);
        if (restaurant is null)
        {
            return null;
        }
        var categories = await db.MenuCategories.AsNoTracking().Where(c => c.RestaurantId == restaurant.Id).OrderBy(c => c.Position).ToListAsync(cancellationToken);
        var categoryIds = categories.Select(c => c.Id).ToList();
        var items = await db.MenuItems.AsNoTracking().Where(i => categoryIds.Contains(i.CategoryId)).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        var views = categories.Select(c => new MenuCategoryView(c.Id, c.NameFr, c.NameEn,
            items.Where(i => i.CategoryId == c.Id)
                 .Select(i => new MenuItemView(i.Id, i.NameFr, i.NameEn, i.DescriptionFr, i.DescriptionEn, i.Price, i.Kind, i.VatRate))
                 .ToList())).ToList();
        return new RestaurantMenu(restaurant.Id, restaurant.Slug, restaurant.Name, restaurant.City, restaurant.DeliveryFee, views);
    }
}
