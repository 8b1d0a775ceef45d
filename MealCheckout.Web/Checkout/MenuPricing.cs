using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// Prices a basket from the menu as it is now, and adds the fee lines (delivery, tip) that a
/// diner chooses at checkout. Stored baskets never carry prices, so a tampered session cannot
/// change what is charged.
/// </summary>
public sealed class MenuPricing(RestaurantContext restaurant)
{
    public static readonly Money MaxTip = Money.FromCents(2000);

    private static readonly Guid DeliveryFeeId = new("0f5d7c1e-6a0b-4d8e-9a51-000000000d01");
    private static readonly Guid TipId = new("0f5d7c1e-6a0b-4d8e-9a51-000000000d02");

    public static bool IsFee(Guid itemId) => itemId == DeliveryFeeId || itemId == TipId;

    public async Task<Basket> PriceAsync(IEnumerable<CartState.StoredItem> items, Fulfilment fulfilment, Money tip)
    {
        var menu = await restaurant.GetMenuAsync();
        var byId = menu.Categories.SelectMany(c => c.Items).ToDictionary(i => i.Id);
        var basket = Basket.Empty;
        foreach (var stored in items)
        {
            if (!byId.TryGetValue(stored.ItemId, out var item))
            {
                continue; // taken off the menu since the diner added it
            }
            for (var n = 0; n < Math.Min(stored.Quantity, BasketLine.MaxQuantity); n++)
            {
                basket = basket.Add(item.Id, item.NameFr, item.NameEn, item.Kind, item.Price);
            }
        }
        return WithFees(basket, fulfilment, tip, menu.DeliveryFee);
    }

    public Basket WithFees(Basket basket, Fulfilment fulfilment, Money tip) =>
        WithFees(basket, fulfilment, tip, restaurant.CachedMenu?.DeliveryFee ?? Money.Zero);

    private static Basket WithFees(Basket basket, Fulfilment fulfilment, Money tip, Money deliveryFee)
    {
        // Fees only make sense on top of a meal: an emptied basket drops them too.
        var hasMeal = basket.Lines.Any(l => !IsFee(l.ItemId));
        var delivery = fulfilment == Fulfilment.Delivery && hasMeal ? deliveryFee : Money.Zero;
        return basket
            .WithFee(DeliveryFeeId, "Frais de livraison", "Delivery fee", ItemKind.DeliveryFee, delivery)
            .WithFee(TipId, "Pourboire", "Tip", ItemKind.Tip, hasMeal ? tip : Money.Zero);
    }
}
