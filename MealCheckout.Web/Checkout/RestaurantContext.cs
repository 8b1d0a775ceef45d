using MealCheckout.Core.Menu;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// The restaurant this circuit is ordering from: the menu it started with, the copy every circuit of the same
/// moment shares (<see cref="SharedMenu"/>), kept for the circuit's life so its prices do not change under the diner.
/// </summary>
public sealed class RestaurantContext(SharedMenu menus)
{
    public RestaurantMenu? CachedMenu { get; private set; }

    public async Task<RestaurantMenu> GetMenuAsync(CancellationToken cancellationToken = default) =>
        CachedMenu ??= await menus.ReadAsync(cancellationToken);
}
