using System.Text.RegularExpressions;
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

        var receipt = checkout.Page;
        await receipt.WaitForURLAsync(ReceiptAddress());
        await Assertions.Expect(receipt.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Merci, c’est payé\u00a0!");
        await Assertions.Expect(receipt.GetByTestId("receipt-siret")).ToHaveTextAsync("SIRET\u00a0842\u00a0157\u00a0307\u00a000013");
        await Assertions.Expect(receipt.GetByTestId("receipt-eligible-subtotal")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(receipt.GetByTestId("vat-row")).ToHaveCountAsync(2);
        await Assertions.Expect(receipt.GetByTestId("receipt-leg")).ToHaveCountAsync(2);
        await Assertions.Expect(receipt.GetByTestId("receipt-leg").First).ToContainTextAsync("Titre-restaurant Bimpli ••••\u00a00010");
        await BrowserFixture.ScreenshotAsync(receipt, "pay-3-receipt-fr");
        await Accessibility.AssertNoSeriousViolationsAsync(receipt);
        var issuer = app.Services.GetRequiredService<AdyenLedger>();
        Assert.Equal(1850, issuer.Payments.Single(p => p.CardNumber == "5038110000000010").CapturedAmount);
    }

    [Fact]
    public async Task The_receipt_opens_again_in_the_browser_that_paid_prints_black_on_white_and_opens_nowhere_else()
    {
        var checkout = await StartAsync("fr-FR");
        await checkout.AddFromMenuAsync("Croque-monsieur");
        await checkout.AddFromMenuAsync("Bière pression 25 cl");
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseBrandAsync("card-only");
        await checkout.FillCardAsync("bank-card", "4111 1111 1111 1111");
        await checkout.PayAsync();
        var receipt = checkout.Page;
        await receipt.WaitForURLAsync(ReceiptAddress());
        var address = new Uri(receipt.Url).PathAndQuery;

        await receipt.ReloadAsync();
        await receipt.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(receipt.GetByTestId("receipt-leg")).ToHaveTextAsync(["Carte Visa ••••\u00a01111 16,30\u00a0€"]);
        await receipt.SetViewportSizeAsync(1280, 900);
        await BrowserFixture.ScreenshotAsync(receipt, "receipt-desktop-fr");
        await receipt.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(receipt.Locator(".app-header")).ToBeHiddenAsync();
        await Assertions.Expect(receipt.GetByTestId("print-receipt")).ToBeHiddenAsync();
        Assert.Equal("rgb(0, 0, 0)", await receipt.GetByTestId("receipt").EvaluateAsync<string>("e => getComputedStyle(e).color"));
        await BrowserFixture.ScreenshotAsync(receipt, "receipt-print-fr");

        var elsewhere = await browser.NewPhonePageAsync(app.RootUri, "fr-FR");
        await elsewhere.GotoInteractiveAsync(address);
        await Assertions.Expect(elsewhere.GetByTestId("receipt-status")).ToContainTextAsync("ne s’ouvre que dans le navigateur qui a payé");
        await Assertions.Expect(elsewhere.GetByTestId("receipt")).ToHaveCountAsync(0);
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
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-card-number-error")).ToHaveTextAsync("This card number is not valid: check the digits.");
        Assert.Empty(app.Services.GetRequiredService<AdyenLedger>().Payments);

        await checkout.FillCardAsync("voucher-card", "5044210000000010");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("split-card")).ToHaveTextAsync("€0.00");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-en-voucher-only");
        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync(ReceiptAddress());
        await Assertions.Expect(checkout.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you, it's paid!");
        await Assertions.Expect(checkout.Page.GetByTestId("receipt-leg")).ToHaveTextAsync(["Meal voucher Up Déjeuner ••••\u00a00010 €9.50"]);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "pay-en-receipt");
    }

    // The receipt's address names the order by its number: no order id, no key.
    private static Regex ReceiptAddress() => new(@"/receipt/MC-\d{6}-[2-9A-Z]{6}$");

    private async Task<CheckoutPage> StartAsync(string locale)
    {
        var page = await browser.NewPhonePageAsync(app.RootUri, locale);
        await page.GotoInteractiveAsync("/");
        return new CheckoutPage(page);
    }

    public void Dispose() => app.Dispose();
}
