using AngleSharp.Dom;
using Bunit;
using MealCheckout.Core;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Shared;

namespace MealCheckout.Tests.Components;

/// <summary>The basket beside the menu: its lines, steppers and totals follow every click.</summary>
public sealed class CartPanelTests
{
    private static readonly MenuItemChoice Steak = new(Guid.NewGuid(), "Steak frites", "Steak and chips", ItemKind.Food, Money.FromCents(1850), VatRate.Reduced);
    private static readonly MenuItemChoice Wine = new(Guid.NewGuid(), "Verre de Beaujolais", "Glass of Beaujolais", ItemKind.Alcohol, Money.FromCents(550), VatRate.Standard);

    [Fact]
    public async Task An_empty_basket_says_how_to_fill_it()
    {
        await using var ctx = new DinerContext("fr-FR");

        var cart = ctx.Render<CartPanel>();

        Assert.Equal("Votre panier est vide. Ajoutez un plat avec le bouton +.", cart.Find("[data-testid=cart-empty]").TextContent);
        Assert.Empty(cart.FindAll("[data-testid=checkout-bar]"));
    }

    [Fact]
    public async Task Clicking_plus_and_minus_on_a_line_updates_lines_totals_and_summary_in_French()
    {
        await using var ctx = new DinerContext("fr-FR");
        var cart = ctx.Render<CartPanel>();
        await AddAsync(ctx, cart, Steak, Wine);

        MenuClick.On(Line(cart, "Steak frites").QuerySelector("[data-testid=add-one]")!);

        cart.WaitForAssertion(() => Assert.Equal("42,50\u00a0€", cart.Find("[data-testid=total]").TextContent));
        Assert.Equal("37,00\u00a0€", cart.Find("[data-testid=eligible-subtotal]").TextContent);
        Assert.Equal("3 articles · 42,50\u00a0€", cart.Find("[data-testid=cart-summary]").TextContent);
        Assert.Contains("hors TR", Line(cart, "Verre de Beaujolais").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("hors TR", Line(cart, "Steak frites").TextContent, StringComparison.Ordinal);

        MenuClick.On(Line(cart, "Verre de Beaujolais").QuerySelector("[data-testid=remove-one]")!);

        cart.WaitForAssertion(() => Assert.Single(cart.FindAll("[data-testid=basket-line]")));
        Assert.Empty(cart.FindAll("[data-testid=not-eligible-subtotal]"));
        Assert.Equal("37,00\u00a0€", cart.Find("[data-testid=total]").TextContent);
    }

    [Fact]
    public async Task The_last_minus_empties_the_basket_in_English()
    {
        await using var ctx = new DinerContext("en");
        var cart = ctx.Render<CartPanel>();
        await AddAsync(ctx, cart, Wine);
        Assert.Equal("1 item · €5.50", cart.Find("[data-testid=cart-summary]").TextContent);
        Assert.Contains("no voucher", Line(cart, "Glass of Beaujolais").TextContent, StringComparison.Ordinal);

        MenuClick.On(Line(cart, "Glass of Beaujolais").QuerySelector("[data-testid=remove-one]")!);

        cart.WaitForAssertion(() => Assert.Equal("Your basket is empty. Add a dish with the + button.", cart.Find("[data-testid=cart-empty]").TextContent));
        Assert.Empty(cart.FindAll("[data-testid=checkout-bar]"));
    }

    // Dishes come from the menu page through the same cart the panel watches.
    private static async Task AddAsync(DinerContext ctx, IRenderedComponent<CartPanel> cart, params MenuItemChoice[] items)
    {
        foreach (var item in items)
        {
            await cart.InvokeAsync(() => ctx.Get<CartState>().AddAsync(item));
        }
        cart.WaitForAssertion(() => Assert.Equal(items.Length, cart.FindAll("[data-testid=basket-line]").Count));
    }

    private static IElement Line(IRenderedComponent<CartPanel> cart, string name) =>
        cart.FindAll("[data-testid=basket-line]").Single(l => l.TextContent.Contains(name, StringComparison.Ordinal));
}
