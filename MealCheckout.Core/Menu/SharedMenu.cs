using MealCheckout.Core.Restaurants;

namespace MealCheckout.Core.Menu;

/// <summary>
/// The menu of the restaurant diners order from, read once and held for every circuit (docs/decisions/0026): each
/// open menu used to read and keep its own copy. A copy is trusted for <see cref="RestaurantSettingsStore.FreshFor"/>,
/// as the restaurant's settings are, so a menu changed in the database, by this instance or another, reaches the
/// circuits opened after that window. A circuit keeps the copy it started with, as it kept its own copy before.
/// </summary>
public sealed class SharedMenu(IMenuCatalog catalog, TimeProvider time)
{
    private volatile Copy? latest;

    public async Task<RestaurantMenu> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (latest is { } copy && now - copy.ReadAt < RestaurantSettingsStore.FreshFor)
        {
            return copy.Menu;
        }
        // Circuits that miss at the same moment each read the menu; the last one read is kept.
        var slug = await catalog.GetDefaultRestaurantSlugAsync(cancellationToken);
        var menu = await catalog.GetMenuAsync(slug, cancellationToken)
            ?? throw new InvalidOperationException($"The restaurant '{slug}' has no menu.");
        latest = new Copy(menu, now);
        return menu;
    }

    private sealed record Copy(RestaurantMenu Menu, DateTimeOffset ReadAt);
}
