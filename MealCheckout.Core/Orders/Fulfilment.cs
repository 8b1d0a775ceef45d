namespace MealCheckout.Core.Orders;

/// <summary>How the diner gets the meal: delivery adds a fee that no voucher may pay.</summary>
public enum Fulfilment
{
    Pickup,
    Delivery,
}
