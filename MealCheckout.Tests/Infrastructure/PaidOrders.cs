using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>Orders as the checkout leaves them once paid, built through the domain without a provider.</summary>
public static class PaidOrders
{
    /// <summary>Tuesday 1 December 2026, 11:58 UTC: 12:58 in Paris.</summary>
    public static readonly DateTimeOffset Lunchtime = new(2026, 12, 1, 11, 58, 0, TimeSpan.Zero);

    /// <summary>
    /// Steak (food, 18,50 €), a glass of wine (alcohol, 5,50 €) and a 2,00 € tip: 18,50 € on a Bimpli
    /// card ending 0010, the rest on a bank card ending 1111, both captured a minute after the order.
    /// </summary>
    /// <param name="id">The checkout attempt's id, when a test plays the tab that paid.</param>
    public static Order SteakWineAndTip(string number = "MC-261201-7KQ4XZ", Guid? id = null)
    {
        var order = Order.Create(DemoRestaurant.Restaurant.Id, number, "fr-FR", Fulfilment.Pickup,
        [
            new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 1),
            new NewOrderLine("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1),
            new NewOrderLine("Pourboire", ItemKind.Tip, Money.FromCents(200), 1),
        ], Lunchtime, id);
        Capture(order.AddVoucherLeg(VoucherIssuer.Bimpli, "•••• 0010 #a1b2c3d4e5f6", Money.FromCents(1850), Lunchtime));
        Capture(order.AddCardLeg("card", "1111", Money.FromCents(750), Lunchtime));
        order.RefreshStatus();
        return order;
    }

    private static void Capture(PaymentLeg leg)
    {
        leg.MoveTo(LegState.Authorizing, Lunchtime);
        leg.Authorised(leg.Amount, Lunchtime);
        leg.Captured(leg.Amount, Lunchtime.AddMinutes(1));
    }
}
