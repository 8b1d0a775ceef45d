using Bunit;
using MealCheckout.Core.Checkout;
using MealCheckout.Web.Components.Shared;

namespace MealCheckout.Tests.Components;

public sealed class QuantityStepperTests
{
    [Fact]
    public async Task Plus_and_minus_each_ask_once_and_name_the_dish_in_French()
    {
        await using var ctx = new DinerContext("fr-FR");
        var (added, removed) = (0, 0);

        var stepper = ctx.Render<QuantityStepper>(p => p
            .Add(c => c.Quantity, 2)
            .Add(c => c.ItemName, "Steak frites")
            .Add(c => c.OnAdd, () => added++)
            .Add(c => c.OnRemove, () => removed++));
        stepper.Find("[data-testid=add-one]").Click();
        stepper.Find("[data-testid=remove-one]").Click();
        stepper.Find("[data-testid=remove-one]").Click();

        Assert.Equal((1, 2), (added, removed));
        Assert.Equal("Ajouter un Steak frites", stepper.Find("[data-testid=add-one]").GetAttribute("aria-label"));
        Assert.Equal("Retirer un Steak frites", stepper.Find("[data-testid=remove-one]").GetAttribute("aria-label"));
        Assert.Equal("Quantité de Steak frites", stepper.Find("[role=group]").GetAttribute("aria-label"));
        Assert.Equal("2", stepper.Find("[data-testid=quantity]").TextContent);
    }

    [Fact]
    public async Task Nothing_to_remove_at_zero_and_no_more_past_the_maximum_in_English()
    {
        await using var ctx = new DinerContext("en");

        var none = ctx.Render<QuantityStepper>(p => p.Add(c => c.Quantity, 0).Add(c => c.ItemName, "Lyon salad"));
        var full = ctx.Render<QuantityStepper>(p => p.Add(c => c.Quantity, BasketLine.MaxQuantity).Add(c => c.ItemName, "Lyon salad"));

        Assert.Empty(none.FindAll("[data-testid=remove-one]"));
        Assert.Equal("Add one Lyon salad", none.Find("[data-testid=add-one]").GetAttribute("aria-label"));
        Assert.True(full.Find("[data-testid=add-one]").HasAttribute("disabled"));
        Assert.False(full.Find("[data-testid=remove-one]").HasAttribute("disabled"));
    }
}
