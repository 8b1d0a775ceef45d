using MealCheckout.Core.Menu;

namespace MealCheckout.Web.Checkout;

/// <summary>The restaurant this circuit is ordering from, with its menu read once per circuit.</summary>
public sealed class RestaurantContext(IMenuCatalog catalog)
{
    public RestaurantMenu? CachedMenu { get; private set; }

    public async Task<RestaurantMenu> GetMenuAsync(CancellationToken cancellationToken = default)
    {
        if (CachedMenu is null)
        {
            var slug = await catalog.GetDefaultRestaurantSlugAsync(cancellationToken);
            CachedMenu = await catalog.GetMenuAsync(slug, cancellationToken)
                ?? throw new InvalidOperationException($"The restaurant '{slug}' has no menu.");
        }
        return CachedMenu;
    }
}
