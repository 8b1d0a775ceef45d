using MealCheckout.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// Every step a diner sees, on a phone (390 px) and a desktop (1280 px), in French and in English:
/// each is saved as a screenshot under the test output's e2e-artifacts folder and checked by axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DinerScreensTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("en", "en")]
    public async Task Every_diner_step_reads_well_on_a_phone_and_a_desktop(string locale, string language)
    {
        var checkout = new CheckoutPage(await browser.NewPhonePageAsync(app.RootUri, locale));
        var page = checkout.Page;
        await page.GotoInteractiveAsync("/");
        if (language == "en")
        {
            await page.GetByTestId("language-switch").ClickAsync();
            await page.WaitForSelectorAsync("html[lang=en]");
            await page.WaitForSelectorAsync("body[data-interactive='true']");
        }
        await CaptureAsync(page, $"diner-{language}-1-menu");

        await checkout.AddFromMenuAsync(language == "en" ? "Steak and chips" : "Steak frites");
        await checkout.AddFromMenuAsync(language == "en" ? "Glass of Beaujolais" : "Verre de Beaujolais");
        await Assertions.Expect(page.GetByTestId("checkout-bar")).ToBeVisibleAsync();
        await CaptureAsync(page, $"diner-{language}-2-basket");

        await checkout.OpenCheckoutAsync();
        await Assertions.Expect(checkout.PayButton).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("amount-due-bar")).ToBeVisibleAsync();
        await CaptureAsync(page, $"diner-{language}-3-checkout");

        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", "5038 1100 0000 0010");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(page.GetByTestId("split-summary")).ToBeVisibleAsync();
        await checkout.FillCardAsync("bank-card", "4111 1111 1111 1111");
        await CaptureAsync(page, $"diner-{language}-4-split");

        await checkout.PayAsync();
        await page.WaitForURLAsync("**/receipt/MC-*");
        await Assertions.Expect(page.GetByTestId("receipt")).ToBeVisibleAsync();
        await CaptureAsync(page, $"diner-{language}-5-receipt");
    }

    [Fact]
    public async Task On_a_desktop_the_payment_is_on_the_left_and_the_order_stays_in_view_on_the_right()
    {
        var checkout = new CheckoutPage(await browser.NewPhonePageAsync(app.RootUri));
        var page = checkout.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoInteractiveAsync("/");
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.OpenCheckoutAsync();
        await Assertions.Expect(checkout.PayButton).ToBeVisibleAsync();

        var payment = await page.Locator(".payment-panel").BoundingBoxAsync();
        var summary = await page.Locator(".order-summary").BoundingBoxAsync();
        Assert.True(payment!.X + payment.Width <= summary!.X, "the order summary should sit to the right of the payment");
        Assert.False(await page.GetByTestId("amount-due-bar").IsVisibleAsync());

        await page.Mouse.WheelAsync(0, 2000);
        await Assertions.Expect(page.Locator(".order-summary")).ToBeInViewportAsync();
    }

    /// <summary>The page at phone and desktop widths, saved and checked by axe at each.</summary>
    private static async Task CaptureAsync(IPage page, string name)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // the sticky header and bars at their place in a full-page capture
        await BrowserFixture.ScreenshotAsync(page, name + "-390");
        await page.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ScreenshotAsync(page, name + "-1280");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(390, 844);
    }

    public void Dispose() => app.Dispose();
}
