using System.Globalization;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class MenuAndCartTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task Diner_builds_a_basket_sees_totals_update_live_then_reads_the_checkout_in_English()
    {
        var page = await browser.NewPhonePageAsync(app.RootUri);
        await page.GotoInteractiveAsync("/");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));

        // A marker on window proves no full page load happens while the basket changes.
        await page.EvaluateAsync("window.__sameDocument = true");

        var eligible = page.Locator("[data-testid=menu-item][data-eligible=true]").First;
        var notEligible = page.Locator("[data-testid=menu-item][data-eligible=false]").First;
        var eligiblePrice = await PriceOf(eligible);
        var notEligiblePrice = await PriceOf(notEligible);

        await eligible.GetByTestId("add-one").ClickAsync();
        await eligible.GetByTestId("add-one").ClickAsync();
        await notEligible.GetByTestId("add-one").ClickAsync();
        await Assertions.Expect(eligible.GetByTestId("quantity")).ToHaveTextAsync("2");

        var cart = page.GetByTestId("cart");
        await Assertions.Expect(cart.GetByTestId("total")).ToHaveTextAsync(Euros(2 * eligiblePrice + notEligiblePrice, "fr-FR"));
        await Assertions.Expect(cart.GetByTestId("eligible-subtotal")).ToHaveTextAsync(Euros(2 * eligiblePrice, "fr-FR"));
        await Assertions.Expect(page.GetByTestId("cart-summary")).ToContainTextAsync("3 articles");

        await eligible.GetByTestId("remove-one").ClickAsync();
        await Assertions.Expect(cart.GetByTestId("total")).ToHaveTextAsync(Euros(eligiblePrice + notEligiblePrice, "fr-FR"));
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"));
        await BrowserFixture.ScreenshotAsync(page, "menu-with-basket-fr");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByTestId("go-to-checkout").ClickAsync();
        await page.WaitForURLAsync("**/checkout");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Paiement", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync(Euros(eligiblePrice + notEligiblePrice, "fr-FR"));

        await page.GetByTestId("language-switch").ClickAsync();
        await page.WaitForSelectorAsync("html[lang=en]");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checkout", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync(Euros(eligiblePrice + notEligiblePrice, "en"));
        await Assertions.Expect(page.GetByTestId("eligible-subtotal")).ToHaveTextAsync(Euros(eligiblePrice, "en"));
        await BrowserFixture.ScreenshotAsync(page, "checkout-en");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private static async Task<long> PriceOf(ILocator item) =>
        long.Parse(await item.GetAttributeAsync("data-price-cents") ?? throw new InvalidOperationException("menu item without a price"), CultureInfo.InvariantCulture);

    private static string Euros(long cents, string culture) => new Core.Money(cents).Format(CultureInfo.GetCultureInfo(culture));

    public void Dispose() => app.Dispose();
}
