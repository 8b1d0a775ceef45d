using MealCheckout.Core;
using MealCheckout.Core.Checkout;

namespace MealCheckout.Tests.Unit.Checkout;

public sealed class BasketTests
{
    private static readonly Guid Steak = Guid.NewGuid();
    private static readonly Guid Wine = Guid.NewGuid();

    private static Basket AddSteak(Basket basket) => basket.Add(Steak, "Steak frites", "Steak and chips", ItemKind.Food, Money.FromCents(1850));

    [Fact]
    public void Eligible_subtotal_counts_food_and_soft_drinks_only()
    {
        var basket = AddSteak(Basket.Empty)
            .Add(Wine, "Vin", "Wine", ItemKind.Alcohol, Money.FromCents(550))
            .WithFee(Guid.NewGuid(), "Livraison", "Delivery", ItemKind.DeliveryFee, Money.FromCents(290))
            .WithFee(Guid.NewGuid(), "Pourboire", "Tip", ItemKind.Tip, Money.FromCents(200));

        Assert.Equal(2890, basket.Total.Cents);
        Assert.Equal(1850, basket.EligibleSubtotal.Cents);
        Assert.Equal(1040, basket.NonEligibleSubtotal.Cents);
    }

    [Fact]
    public void Adding_twice_makes_one_line_of_two_and_removing_drops_it_at_zero()
    {
        var basket = AddSteak(AddSteak(Basket.Empty));
        Assert.Single(basket.Lines);
        Assert.Equal(2, basket.QuantityOf(Steak));

        basket = basket.RemoveOne(Steak).RemoveOne(Steak);
        Assert.True(basket.IsEmpty);
        Assert.Same(basket, basket.RemoveOne(Steak));
    }

    [Fact]
    public void Quantity_stops_at_the_maximum()
    {
        var basket = Basket.Empty;
        for (var i = 0; i < BasketLine.MaxQuantity + 5; i++)
        {
            basket = AddSteak(basket);
        }
        Assert.Equal(BasketLine.MaxQuantity, basket.QuantityOf(Steak));
    }

    [Fact]
    public void A_fee_set_to_zero_disappears()
    {
        var tip = Guid.NewGuid();
        var basket = AddSteak(Basket.Empty).WithFee(tip, "Pourboire", "Tip", ItemKind.Tip, Money.FromCents(200));
        Assert.Equal(2, basket.Lines.Count);

        basket = basket.WithFee(tip, "Pourboire", "Tip", ItemKind.Tip, Money.Zero);
        Assert.Single(basket.Lines);
    }
}
