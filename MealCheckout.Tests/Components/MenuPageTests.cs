using Bunit;
using MealCheckout.Web.Components.Pages.Menu;
using MealCheckout.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Xunit.Abstractions;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The menu page is what every idle circuit holds: its rows are plain markup, so the number of
/// components it keeps does not grow with the menu (docs/performance.md, circuit memory).
/// </summary>
public sealed class MenuPageTests(ITestOutputHelper output)
{
    // The page and the basket beside it with one line: CartPanel, BasketLines, BasketTotals, their
    // MoneyTexts, the line's stepper and MudBlazor's paper and button. Raise it only knowingly.
    private const int ComponentBudget = 16;

    [Fact]
    public async Task With_one_dish_in_the_basket_the_page_holds_no_component_per_menu_row()
    {
        await using var ctx = new DinerContext("fr-FR");
        await ctx.MigrateAndSeedAsync();
        var page = ctx.Render<MenuPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=menu-item] [data-testid=add-one]").HasAttribute("disabled")));

        page.Find("[data-testid=menu-item] [data-testid=add-one]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=basket-line]")));

        var rows = page.FindAll("[data-testid=menu-item]").Count;
        var all = page.FindComponents<IComponent>().Count;
        var cart = page.FindComponent<CartPanel>();
        var inCart = 1 + cart.FindComponents<IComponent>().Count;
        output.WriteLine($"{all} components under the menu page with {rows} dishes, {inCart} of them in the basket");
        Assert.True(rows >= 10, $"the demo menu has {rows} dishes");
        Assert.True(all - inCart <= 2, $"{all - inCart} components outside the basket for {rows} rows (only the page title's are expected)");
        Assert.True(all <= ComponentBudget, $"{all} components under the menu page, budget {ComponentBudget}");
    }

    [Fact]
    public async Task Plus_and_minus_on_a_row_change_its_quantity_and_the_basket_in_English()
    {
        await using var ctx = new DinerContext("en");
        await ctx.MigrateAndSeedAsync();
        var page = ctx.Render<MenuPage>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=add-one]").HasAttribute("disabled")));
        var name = page.Find("[data-testid=menu-item] .menu-item-name").TextContent;

        page.Find("[data-testid=menu-item] [data-testid=add-one]").Click();
        page.Find("[data-testid=menu-item] [data-testid=add-one]").Click();
        page.Find("[data-testid=menu-item] [data-testid=remove-one]").Click();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=menu-item] [data-testid=quantity]").TextContent));
        Assert.Equal($"Remove one {name}", page.Find("[data-testid=menu-item] [data-testid=remove-one]").GetAttribute("aria-label"));
        Assert.Equal($"Quantity of {name}", page.Find("[data-testid=menu-item] [role=group]").GetAttribute("aria-label"));
        Assert.Contains(name, page.Find("[data-testid=basket-line]").TextContent, StringComparison.Ordinal);
        Assert.Equal("1 item", page.Find("[data-testid=cart-summary]").TextContent.Split(" · ")[0]);
    }

    [Fact]
    public async Task The_badges_follow_the_eligible_kinds_of_the_rules_in_force()
    {
        await using var ctx = new DinerContext("fr-FR", new Dictionary<string, string?> { ["Vouchers:EligibleItemKinds:0"] = "Food" });
        await ctx.MigrateAndSeedAsync();
        var page = ctx.Render<MenuPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=menu-item]")));

        var eligibleByName = page.FindAll("[data-testid=menu-item]").ToDictionary(r => r.QuerySelector(".menu-item-name")!.TextContent, r => r.GetAttribute("data-eligible"));

        Assert.Equal(("true", "false", "false"), (eligibleByName["Steak frites"], eligibleByName["Café"], eligibleByName["Verre de Beaujolais"]));
    }
}
