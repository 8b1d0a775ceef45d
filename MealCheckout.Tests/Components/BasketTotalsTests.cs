using Bunit;
using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Web.Components.Shared;

namespace MealCheckout.Tests.Components;

public sealed class BasketTotalsTests
{
    private static readonly Basket SteakAndWine = Basket.Empty
        .Add(Guid.NewGuid(), "Steak frites", "Steak and chips", ItemKind.Food, Money.FromCents(1850))
        .Add(Guid.NewGuid(), "Verre de vin", "Glass of wine", ItemKind.Alcohol, Money.FromCents(550));

    [Fact]
    public async Task Shows_total_eligible_and_not_eligible_amounts_in_French_format()
    {
        await using var ctx = new DinerContext("fr-FR");

        var totals = ctx.Render<BasketTotals>(p => p.Add(c => c.Basket, SteakAndWine));

        Assert.Equal("24,00\u00a0€", totals.Find("[data-testid=total]").TextContent);
        Assert.Equal("18,50\u00a0€", totals.Find("[data-testid=eligible-subtotal]").TextContent);
        Assert.Equal("5,50\u00a0€", totals.Find("[data-testid=not-eligible-subtotal]").TextContent);
        Assert.Contains("Payable en titres-restaurant", totals.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_amounts_in_English_format_with_English_labels()
    {
        await using var ctx = new DinerContext("en");

        var totals = ctx.Render<BasketTotals>(p => p.Add(c => c.Basket, SteakAndWine));

        Assert.Equal("€24.00", totals.Find("[data-testid=total]").TextContent);
        Assert.Contains("Meal-voucher eligible", totals.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hides_the_not_eligible_row_when_everything_is_eligible()
    {
        await using var ctx = new DinerContext("fr-FR");
        var foodOnly = Basket.Empty.Add(Guid.NewGuid(), "Salade", "Salad", ItemKind.Food, Money.FromCents(1200));

        var totals = ctx.Render<BasketTotals>(p => p.Add(c => c.Basket, foodOnly));

        Assert.Empty(totals.FindAll("[data-testid=not-eligible-subtotal]"));
    }
}
