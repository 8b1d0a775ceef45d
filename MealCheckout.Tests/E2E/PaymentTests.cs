using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class PaymentTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task Diner_pays_with_a_Bimpli_card_and_a_bank_card_and_gets_a_receipt()
    {
        var checkout = await StartAsync("fr-FR");
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.AddFromMenuAsync("Verre de Beaujolais");
        await checkout.OpenCheckoutAsync();
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-1-checkout-fr");

        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", "5038 1100 0000 0010");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-balance")).ToHaveTextAsync("50,00\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("split-card")).ToHaveTextAsync("5,50\u00a0€");
        await checkout.FillCardAsync("bank-card", "4111 1111 1111 1111");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-2-split-fr");
        await Accessibility.AssertNoSeriousViolationsAsync(checkout.Page);

        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        await Assertions.Expect(checkout.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Merci, c'est payé !");
        await Assertions.Expect(checkout.Page.GetByTestId("receipt-leg")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-3-receipt-fr");
        await Accessibility.AssertNoSeriousViolationsAsync(checkout.Page);
        var issuer = app.Services.GetRequiredService<AdyenLedger>();
        Assert.Equal(1850, issuer.Payments.Single(p => p.CardNumber == "5038110000000010").CapturedAmount);
    }

    [Fact]
    public async Task A_refused_bank_card_is_explained_and_the_voucher_is_released()
    {
        var checkout = await StartAsync("fr-FR");
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.AddFromMenuAsync("Verre de Beaujolais");
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseBrandAsync("pluxee");
        await checkout.FillCardAsync("voucher-card", "5035450000000013");
        await checkout.CheckBalanceAsync();
        await checkout.FillCardAsync("bank-card", "4000000000000002");

        await checkout.PayAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToContainTextAsync("carte bancaire a été refusée");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-refused-fr");
        var issuer = app.Services.GetRequiredService<AdyenLedger>();
        var voucher = Assert.Single(issuer.Payments, p => p.CardNumber == "5035450000000013");
        Assert.Equal("cancelled", voucher.Status);
        Assert.Equal(0, voucher.HeldAmount);
    }

    [Fact]
    public async Task The_same_payment_in_English_with_a_typo_caught_before_any_call()
    {
        var checkout = await StartAsync("fr-FR");
        await checkout.AddFromMenuAsync("Salade lyonnaise");
        await checkout.OpenCheckoutAsync();
        // The switch link follows the page the diner is on once the circuit has re-rendered it.
        await checkout.Page.Locator("[data-testid=language-switch][href*=checkout]").ClickAsync();
        await checkout.Page.WaitForSelectorAsync("html[lang=en]");
        await checkout.Page.WaitForSelectorAsync("body[data-interactive='true']");

        await checkout.ChooseBrandAsync("updejeuner");
        await checkout.FillCardAsync("voucher-card", "5044210000000011"); // last digit wrong: Luhn fails
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-card-error")).ToHaveTextAsync("This card number is not valid: check the digits.");
        Assert.Empty(app.Services.GetRequiredService<AdyenLedger>().Payments);

        await checkout.FillCardAsync("voucher-card", "5044210000000010");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("split-card")).ToHaveTextAsync("€0.00");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-en-voucher-only");
        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        await Assertions.Expect(checkout.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you, it's paid!");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-en-receipt");
    }

    private async Task<CheckoutPage> StartAsync(string locale)
    {
        var page = await browser.NewPhonePageAsync(app.RootUri, locale);
        await page.GotoInteractiveAsync("/");
        return new CheckoutPage(page);
    }

    public void Dispose() => app.Dispose();
}
