using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// Every step a diner sees (menu, basket, checkout empty and full, brand chosen, split shown, card typed,
/// paying, the partial-authorisation question, a refusal, the receipt), on a phone (390 px) and a desktop (1280 px), in French and in English:
/// each is saved as a screenshot under the test output's e2e-artifacts folder and checked by axe.
/// </summary>
[Collection(ScreensCollection.Name)]
public sealed class DinerScreensTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("en", "en")]
    public async Task Every_diner_step_reads_well_on_a_phone_and_a_desktop(string locale, string language)
    {
        var checkout = await OpenMenuAsync(locale, language);
        var page = checkout.Page;
        await Screens.CaptureAsync(page, $"diner-{language}-1-menu");

        await checkout.AddFromMenuAsync(Dish(language, "Steak frites"));
        await checkout.AddFromMenuAsync(Dish(language, "Verre de Beaujolais"));
        await Assertions.Expect(page.GetByTestId("checkout-bar")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-2-basket");

        await checkout.OpenCheckoutAsync();
        await Assertions.Expect(checkout.PayButton).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("amount-due-bar")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-3-checkout");

        await checkout.ChooseBrandAsync("bimpli");
        await Assertions.Expect(checkout.CardField("voucher-card", "number")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-4-brand-chosen");

        await checkout.FillCardAsync("voucher-card", "5038 1100 0000 0010");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(page.GetByTestId("split-summary")).ToBeVisibleAsync();
        await Assertions.Expect(checkout.CardField("bank-card", "number")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-5-split");

        await checkout.FillCardAsync("bank-card", "4111 1111 1111 1111");
        await Assertions.Expect(page.GetByTestId("bank-card-summary")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-6-card-filled");

        await checkout.PayAsync();
        await page.WaitForURLAsync("**/receipt/MC-*");
        await Assertions.Expect(page.GetByTestId("receipt")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-10-receipt");
    }

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("en", "en")]
    public async Task An_empty_checkout_a_payment_under_way_a_partial_authorisation_and_a_refusal_read_well(string locale, string language)
    {
        var checkout = await OpenMenuAsync(locale, language);
        var page = checkout.Page;
        await page.GotoInteractiveAsync("/checkout");
        await Assertions.Expect(page.GetByTestId("checkout-empty")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-3-checkout-empty");

        await page.GotoInteractiveAsync("/");
        await checkout.AddFromMenuAsync(Dish(language, "Steak frites"));
        await checkout.AddFromMenuAsync(Dish(language, "Verre de Beaujolais"));
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", TestCards.BimpliPartial);
        await checkout.CheckBalanceAsync();
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        await checkout.PayAsync();
        await Assertions.Expect(page.GetByTestId("cancel-partial")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"diner-{language}-8-partial-question");

        await page.GetByTestId("cancel-partial").ClickAsync();
        await Assertions.Expect(page.GetByTestId("payment-error")).ToBeVisibleAsync();
        await checkout.ChooseBrandAsync("card-only");
        await checkout.FillCardAsync("bank-card", TestCards.VisaRefused);
        await checkout.PayAsync();
        await Assertions.Expect(checkout.CardField("bank-card", "number")).ToHaveValueAsync("");
        await Screens.CaptureAsync(page, $"diner-{language}-9-refused");

        // The bank answers slowly: the page says the payment is under way, and locks what it charges.
        app.Services.GetRequiredService<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Latency, Match: "1111", Value: 8_000, PathEndsWith: "/payments"));
        await CheckoutPage.TypeAsync(checkout.CardField("bank-card", "number"), TestCards.Visa);
        await checkout.PayAsync();
        await Assertions.Expect(page.GetByTestId("payment-progress")).ToBeVisibleAsync();
        await Screens.ScreenshotBothWidthsAsync(page, $"diner-{language}-7-paying");
        await page.WaitForURLAsync("**/receipt/MC-*");
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

    private async Task<CheckoutPage> OpenMenuAsync(string locale, string language)
    {
        var page = await browser.NewPhonePageAsync(app.RootUri, locale);
        await page.GotoInteractiveAsync("/");
        if (language == "en")
        {
            await page.GetByTestId("language-switch").ClickAsync();
            await page.WaitForSelectorAsync("html[lang=en]");
            await page.WaitForSelectorAsync("body[data-interactive='true']");
        }
        return new CheckoutPage(page);
    }

    private static string Dish(string language, string french) => (language, french) switch
    {
        ("en", "Steak frites") => "Steak and chips",
        ("en", "Verre de Beaujolais") => "Glass of Beaujolais",
        _ => french,
    };

    public void Dispose() => app.Dispose();
}
