using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Checkout.Pricing;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;

namespace MealCheckout.Tests.Unit.Checkout;

public sealed class CheckoutPricingTests
{
    private static readonly MenuItemView Steak = new(Guid.NewGuid(), "Steak frites", "Steak and chips", null, null, Money.FromCents(1850), ItemKind.Food, VatRate.Reduced);
    private static readonly MenuItemView Cider = new(Guid.NewGuid(), "Cidre", "Cider", null, null, Money.FromCents(500), ItemKind.Alcohol, new VatRate(550));
    private static readonly RestaurantMenu Menu = new(Guid.NewGuid(), "demo", "Demo", "Lyon", Money.FromCents(290), [new MenuCategoryView(Guid.NewGuid(), "Plats", "Mains", [Steak, Cider])]);

    [Fact]
    public void A_basket_is_priced_from_the_menu_with_each_items_VAT_rate()
    {
        var basket = CheckoutPricing.Price(Menu, [(Steak.Id, 2), (Cider.Id, 1)], Fulfilment.Pickup, Money.Zero);

        Assert.Equal(4200, basket.Total.Cents);
        Assert.Equal([1000, 550], basket.Lines.Select(l => l.VatRate.BasisPoints));
    }

    [Fact]
    public void Items_no_longer_on_the_menu_are_dropped()
    {
        var basket = CheckoutPricing.Price(Menu, [(Guid.NewGuid(), 1), (Steak.Id, 1)], Fulfilment.Pickup, Money.Zero);

        Assert.Equal(["Steak frites"], basket.Lines.Select(l => l.NameFr));
    }

    [Fact]
    public void Delivery_adds_the_restaurants_fee_and_the_tip_is_capped()
    {
        var basket = CheckoutPricing.Price(Menu, [(Steak.Id, 1)], Fulfilment.Delivery, Money.FromCents(5000));

        Assert.Equal(1850 + 290 + CheckoutPricing.MaxTip.Cents, basket.Total.Cents);
        Assert.Equal(1850, basket.EligibleSubtotal.Cents);
        Assert.Equal(2, basket.Lines.Count(l => CheckoutPricing.IsFee(l.ItemId)));
    }

    [Fact]
    public void Fees_leave_with_the_last_dish()
    {
        var basket = CheckoutPricing.Price(Menu, [(Steak.Id, 1)], Fulfilment.Delivery, Money.FromCents(200));

        var emptied = CheckoutPricing.WithFees(basket.RemoveOne(Steak.Id), Fulfilment.Delivery, Money.FromCents(200), Menu.DeliveryFee);

        Assert.True(emptied.IsEmpty);
    }

    [Fact]
    public void Order_lines_carry_the_baskets_VAT_rates()
    {
        var basket = CheckoutPricing.Price(Menu, [(Cider.Id, 1)], Fulfilment.Pickup, Money.FromCents(100));

        var lines = basket.ToOrderLines(l => l.NameEn);

        Assert.Equal([("Cider", (VatRate?)new VatRate(550)), ("Tip", VatRate.None)], lines.Select(l => (l.Name, l.VatRate)));
    }
}
