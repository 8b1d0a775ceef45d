using Bunit;
using MealCheckout.Web.Components.Pages.Menu;
using MealCheckout.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Xunit.Abstractions;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The menu's interactive island (<see cref="MenuBoard"/>) is what every idle circuit on the menu holds: its rows are
/// plain markup, so the number of components it keeps does not grow with the menu (docs/performance.md, circuit memory).
/// </summary>
public sealed class MenuPageTests(ITestOutputHelper output)
{
    // The basket beside the menu (CartPanel), which draws its lines, steppers and totals into its own render tree; the
    // page's title is static (docs/decisions/0024). Raise it only knowingly: every idle circuit keeps each one.
    private const int ComponentBudget = 1;

    [Fact]
    public async Task With_one_dish_in_the_basket_the_page_holds_no_component_per_menu_row()
    {
        await using var ctx = new DinerContext("fr-FR");
        await ctx.MigrateAndSeedAsync();
        var page = ctx.Render<MenuBoard>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=menu-item] [data-testid=add-one]").HasAttribute("disabled")));

        MenuClick.On(page.Find("[data-testid=menu-item] [data-testid=add-one]"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=basket-line]")));

        var rows = page.FindAll("[data-testid=menu-item]").Count;
        var all = page.FindComponents<IComponent>().Count;
        var cart = page.FindComponent<CartPanel>();
        var inCart = 1 + cart.FindComponents<IComponent>().Count;
        output.WriteLine($"{all} components under the menu's island with {rows} dishes, {inCart} of them in the basket");
        Assert.True(rows >= 10, $"the demo menu has {rows} dishes");
        Assert.Equal(0, all - inCart);
        Assert.True(all <= ComponentBudget, $"{all} components under the menu's island, budget {ComponentBudget}");
    }

    [Fact]
    public async Task Plus_and_minus_on_a_row_change_its_quantity_and_the_basket_in_English()
    {
        await using var ctx = new DinerContext("en");
        await ctx.MigrateAndSeedAsync();
        var page = ctx.Render<MenuBoard>();
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=add-one]").HasAttribute("disabled")));
        var name = page.Find("[data-testid=menu-item] .menu-item-name").TextContent;

        MenuClick.On(page.Find("[data-testid=menu-item] [data-testid=add-one]"));
        MenuClick.On(page.Find("[data-testid=menu-item] [data-testid=add-one]"));
        MenuClick.On(page.Find("[data-testid=menu-item] [data-testid=remove-one]"));

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
        var page = ctx.Render<MenuBoard>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=menu-item]")));

        var eligibleByName = page.FindAll("[data-testid=menu-item]").ToDictionary(r => r.QuerySelector(".menu-item-name")!.TextContent, r => r.GetAttribute("data-eligible"));

        Assert.Equal(("true", "false", "false"), (eligibleByName["Steak frites"], eligibleByName["Café"], eligibleByName["Verre de Beaujolais"]));
    }
}
