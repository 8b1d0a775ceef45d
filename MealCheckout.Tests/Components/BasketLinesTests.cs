using Bunit;
using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Shared;

namespace MealCheckout.Tests.Components;

/// <summary>The basket's lines as the checkout shows them: each − / + asks once, names the dish, and stops at the maximum.</summary>
public sealed class BasketLinesTests
{
    private static readonly MenuItemChoice Steak = new(Guid.NewGuid(), "Steak frites", "Steak and chips", ItemKind.Food, Money.FromCents(1850), VatRate.Reduced);

    [Fact]
    public async Task Plus_and_minus_each_change_the_line_by_one_and_name_the_dish_in_French()
    {
        await using var ctx = new DinerContext("fr-FR");
        var lines = ctx.Render<BasketLines>(p => p.Add(c => c.Editable, true));
        await AddAsync(ctx, lines, Steak, times: 2);

        MenuClick.On(lines.Find("[data-testid=add-one]"));
        lines.WaitForAssertion(() => Assert.Equal("3", lines.Find("[data-testid=quantity]").TextContent));
        MenuClick.On(lines.Find("[data-testid=remove-one]"));
        MenuClick.On(lines.Find("[data-testid=remove-one]"));

        lines.WaitForAssertion(() => Assert.Equal("1", lines.Find("[data-testid=quantity]").TextContent));
        Assert.Equal("Ajouter un Steak frites", lines.Find("[data-testid=add-one]").GetAttribute("aria-label"));
        Assert.Equal("Retirer un Steak frites", lines.Find("[data-testid=remove-one]").GetAttribute("aria-label"));
        Assert.Equal("Quantité de Steak frites", lines.Find("[role=group]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task No_more_past_the_maximum_in_English()
    {
        await using var ctx = new DinerContext("en");
        var lines = ctx.Render<BasketLines>(p => p.Add(c => c.Editable, true));
        await AddAsync(ctx, lines, Steak, times: BasketLine.MaxQuantity);

        MenuClick.On(lines.Find("[data-testid=add-one]"));

        Assert.Equal(BasketLine.MaxQuantity, ctx.Get<CartState>().Basket.QuantityOf(Steak.Id));
        Assert.True(lines.Find("[data-testid=add-one]").HasAttribute("disabled"));
        Assert.False(lines.Find("[data-testid=remove-one]").HasAttribute("disabled"));
        Assert.Equal("Add one Steak and chips", lines.Find("[data-testid=add-one]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_read_only_basket_shows_no_buttons()
    {
        await using var ctx = new DinerContext("fr-FR");
        var lines = ctx.Render<BasketLines>();
        await AddAsync(ctx, lines, Steak, times: 1);

        Assert.Empty(lines.FindAll("button"));
        Assert.Contains("18,50\u00a0€", lines.Find("[data-testid=basket-line]").TextContent, StringComparison.Ordinal);
    }

    private static async Task AddAsync(DinerContext ctx, IRenderedComponent<BasketLines> lines, MenuItemChoice item, int times)
    {
        for (var n = 0; n < times; n++)
        {
            await lines.InvokeAsync(() => ctx.Get<CartState>().AddAsync(item));
        }
        lines.WaitForAssertion(() => Assert.Single(lines.FindAll("[data-testid=basket-line]")));
    }
}
