using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Checkout.Pricing;
using MealCheckout.Core.Orders;

namespace MealCheckout.Web.Checkout;

/// <summary>Prices this circuit's basket with <see cref="CheckoutPricing"/> against the restaurant's menu.</summary>
public sealed class MenuPricing(RestaurantContext restaurant)
{
    public async Task<Basket> PriceAsync(IEnumerable<CartState.StoredItem> items, Fulfilment fulfilment, Money tip) =>
        CheckoutPricing.Price(await restaurant.GetMenuAsync(), items.Select(i => (i.ItemId, i.Quantity)), fulfilment, tip);

    public Basket WithFees(Basket basket, Fulfilment fulfilment, Money tip) =>
        CheckoutPricing.WithFees(basket, fulfilment, tip, restaurant.CachedMenu?.DeliveryFee ?? Money.Zero);
}
