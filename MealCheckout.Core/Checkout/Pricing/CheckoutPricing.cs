using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Checkout.Pricing;

/// <summary>
/// Prices a basket from the menu as it is now, and adds the fee lines (delivery, tip) a diner
/// chooses at checkout. A stored basket carries item ids and quantities only, never prices, so a
/// tampered session cannot change what is charged.
/// </summary>
public static class CheckoutPricing
{
    /// <summary>The largest tip the checkout accepts, so a slip of the finger cannot add a fortune.</summary>
    public static readonly Money MaxTip = Money.FromCents(2000);

    private static readonly Guid DeliveryFeeId = new("0f5d7c1e-6a0b-4d8e-9a51-000000000d01");
    private static readonly Guid TipId = new("0f5d7c1e-6a0b-4d8e-9a51-000000000d02");

    /// <summary>Whether a basket line is a fee the checkout adds rather than a dish the diner picked.</summary>
    public static bool IsFee(Guid itemId) => itemId == DeliveryFeeId || itemId == TipId;

    public static Money CapTip(Money tip) => Money.Min(tip, MaxTip);

    /// <summary>The basket of these items at today's menu prices; items taken off the menu since are dropped.</summary>
    public static Basket Price(RestaurantMenu menu, IEnumerable<(Guid ItemId, int Quantity)> items, Fulfilment fulfilment, Money tip)
    {
        var byId = menu.Categories.SelectMany(c => c.Items).ToDictionary(i => i.Id);
        var basket = Basket.Empty;
        foreach (var (itemId, quantity) in items)
        {
            if (!byId.TryGetValue(itemId, out var item))
            {
                continue;
            }
            for (var n = 0; n < Math.Min(quantity, BasketLine.MaxQuantity); n++)
            {
                basket = basket.Add(item.Id, item.NameFr, item.NameEn, item.Kind, item.Price, item.VatRate);
            }
        }
        return WithFees(basket, fulfilment, tip, menu.DeliveryFee);
    }

    /// <summary>Sets the delivery fee and the tip lines; fees only make sense on top of a meal, so an emptied basket drops them.</summary>
    public static Basket WithFees(Basket basket, Fulfilment fulfilment, Money tip, Money deliveryFee)
    {
        var hasMeal = basket.Lines.Any(l => !IsFee(l.ItemId));
        var delivery = fulfilment == Fulfilment.Delivery && hasMeal ? deliveryFee : Money.Zero;
        return basket
            .WithFee(DeliveryFeeId, "Frais de livraison", "Delivery fee", ItemKind.DeliveryFee, delivery)
            .WithFee(TipId, "Pourboire", "Tip", ItemKind.Tip, hasMeal ? CapTip(tip) : Money.Zero);
    }
}
