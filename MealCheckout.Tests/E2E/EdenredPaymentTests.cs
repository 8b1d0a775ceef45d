using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>"Pay with Edenred" in a real Chromium: the login round trip keeps the cart, the split is explained, the receipt lists both legs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EdenredPaymentTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task Diner_logs_in_to_Edenred_keeps_the_cart_and_pays_the_rest_by_card()
    {
        var checkout = new CheckoutPage(await browser.NewPhonePageAsync(app.RootUri, "fr-FR"));
        await checkout.Page.GotoInteractiveAsync("/");
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.AddFromMenuAsync("Verre de Beaujolais");
        await checkout.OpenCheckoutAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-estimate-edenred")).ToContainTextAsync("18,50");
        await checkout.ChooseBrandAsync("edenred");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-1-checkout");
        await Accessibility.AssertNoSeriousViolationsAsync(checkout.Page);

        await checkout.Page.GetByTestId("edenred-login").ClickAsync();
        await checkout.Page.WaitForURLAsync("**/connect/authorize**");
        await checkout.Page.FillAsync("#email", "lerouxpablo@yopmail.com");
        await checkout.Page.FillAsync("#password", "Edenred2021*");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-2-sso-login");
        await checkout.Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        await checkout.Page.WaitForURLAsync("**/checkout");
        await checkout.Page.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("split-card")).ToHaveTextAsync("5,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-balance")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("split-reason")).Not.ToBeEmptyAsync();
        Assert.DoesNotContain("edenredLogin", checkout.Page.Url, StringComparison.Ordinal);
        await checkout.FillCardAsync("bank-card", "4111 1111 1111 1111");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-3-split");
        await Accessibility.AssertNoSeriousViolationsAsync(checkout.Page);

        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        await Assertions.Expect(checkout.Page.GetByTestId("receipt-leg")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-4-receipt");
        await Accessibility.AssertNoSeriousViolationsAsync(checkout.Page);
        var edenred = Assert.Single(app.Services.GetRequiredService<EdenredLedger>().Transactions);
        Assert.Equal(("captured", 1850L), (edenred.Status, edenred.CapturedAmount));
        Assert.Equal(550, Assert.Single(app.Services.GetRequiredService<AdyenLedger>().Payments).CapturedAmount);
    }

    [Fact]
    public async Task Diner_logs_out_of_Edenred_through_the_SSO_and_comes_back_to_the_checkout()
    {
        var checkout = new CheckoutPage(await browser.NewPhonePageAsync(app.RootUri, "fr-FR"));
        await checkout.Page.GotoInteractiveAsync("/");
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseBrandAsync("edenred");
        await checkout.Page.GetByTestId("edenred-login").ClickAsync();
        await checkout.Page.FillAsync("#email", "lerouxpablo@yopmail.com");
        await checkout.Page.FillAsync("#password", "Edenred2021*");
        await checkout.Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await checkout.Page.WaitForURLAsync("**/checkout");
        await checkout.Page.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("edenred-user")).ToHaveTextAsync("Connecté à Edenred : le•••@yopmail.com");

        await checkout.Page.GetByTestId("edenred-logout").ClickAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("edenred-logout-confirm")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-5-logout-question");
        await checkout.Page.GetByTestId("edenred-logout-yes").ClickAsync();

        await checkout.Page.WaitForURLAsync("**/checkout");
        await checkout.Page.WaitForSelectorAsync("body[data-interactive='true']");
        await checkout.ChooseBrandAsync("edenred");
        await Assertions.Expect(checkout.Page.GetByTestId("edenred-login")).ToBeVisibleAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("basket-line")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-6-logged-out");
    }

    public void Dispose() => app.Dispose();
}
