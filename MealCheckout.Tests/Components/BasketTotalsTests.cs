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
        var page = await ComponentRenderer.RenderAsync<BasketTotals>("fr-FR", new Dictionary<string, object?> { ["Basket"] = SteakAndWine });

        Assert.Equal("24,00\u00a0€", Text(page, "total"));
        Assert.Equal("18,50\u00a0€", Text(page, "eligible-subtotal"));
        Assert.Equal("5,50\u00a0€", Text(page, "not-eligible-subtotal"));
        Assert.Contains("Payable en titres-restaurant", page.Body!.TextContent);
    }

    [Fact]
    public async Task Shows_amounts_in_English_format_with_English_labels()
    {
        var page = await ComponentRenderer.RenderAsync<BasketTotals>("en", new Dictionary<string, object?> { ["Basket"] = SteakAndWine });

        Assert.Equal("€24.00", Text(page, "total"));
        Assert.Contains("Meal-voucher eligible", page.Body!.TextContent);
    }

    [Fact]
    public async Task Hides_the_not_eligible_row_when_everything_is_eligible()
    {
        var foodOnly = Basket.Empty.Add(Guid.NewGuid(), "Salade", "Salad", ItemKind.Food, Money.FromCents(1200));

        var page = await ComponentRenderer.RenderAsync<BasketTotals>("fr-FR", new Dictionary<string, object?> { ["Basket"] = foodOnly });

        Assert.Null(page.QuerySelector("[data-testid=not-eligible-subtotal]"));
    }

    private static string Text(AngleSharp.Dom.IDocument page, string testId) =>
        page.QuerySelector($"[data-testid={testId}]")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"{testId} not rendered");
}
