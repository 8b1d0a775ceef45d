using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>A diner pays with a Swile first-generation card whose balance is short, and a bank card for the rest, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstGenerationCardPaymentTests(BrowserFixture browser) : IDisposable
{
    private const string Nbsp = "\u00a0";

    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task A_first_generation_card_pays_what_its_issuer_authorises_and_the_bank_card_the_rest_once_confirmed()
    {
        var checkout = await CheckoutPage.WithSteakAndWineAsync(await browser.NewPhonePageAsync(app.RootUri, "fr-FR"));

        await checkout.ChooseBrandAsync("swile");
        await checkout.FillCardAsync("voucher-card", "5356 1000 0000 0023");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToHaveCountAsync(0);
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync($"18,50{Nbsp}€");
        await Assertions.Expect(checkout.Page.GetByTestId("split-card")).ToHaveTextAsync($"5,50{Nbsp}€");
        await Assertions.Expect(checkout.Page.GetByTestId("card-network-voucher")).ToContainTextAsync("Swile est une carte titre-restaurant payée comme une carte Visa ou Mastercard");
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-balance")).ToHaveCountAsync(0); // no balance check through the card network
        await checkout.FillCardAsync("bank-card", "4111 1111 1111 1111");
        await checkout.PayAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("split-notice")).ToContainTextAsync($"Swile n’a autorisé que 8,00{Nbsp}€");
        await Assertions.Expect(checkout.PayButton).ToHaveTextAsync($"Payer 8,00{Nbsp}€ Swile + 16,00{Nbsp}€ carte");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "first-generation-partial-question-fr");
        Assert.Equal(0, Charged(TestCards.Visa));

        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        Assert.Equal(800, Adyen.Payments.Single(p => p.CardNumber == SwileCards.Balance8).CapturedAmount);
        Assert.Equal(1600, Charged(TestCards.Visa));
    }

    private AdyenLedger Adyen => app.Services.GetRequiredService<AdyenLedger>();

    private long Charged(string number) => Adyen.Payments.Where(p => p.CardNumber == number).Sum(p => p.CapturedAmount + p.HeldAmount);

    public void Dispose() => app.Dispose();
}
