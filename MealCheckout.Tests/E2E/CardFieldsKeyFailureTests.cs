using MealCheckout.Sandbox.Adyen.SecuredFields;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// The provider's card frames fetch its public key when they open. When that fetch fails, a frame asks again
/// when the card is to be encrypted; when it fails again, the diner is told the card fields did not answer,
/// instead of a button that does nothing. The failures are made by Chromium refusing the frames' key requests.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CardFieldsKeyFailureTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task A_key_that_failed_to_load_with_the_frames_is_asked_for_again_and_the_balance_is_read()
    {
        var keyServed = false;
        var checkout = await AtCheckoutAsync(route => keyServed ? route.ContinueAsync() : route.AbortAsync());

        keyServed = true; // every frame's first fetch failed; the provider answers from now on
        await checkout.CheckBalanceAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("voucher-card-not-answering")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_key_that_never_loads_is_said_plainly_and_nothing_is_asked_of_the_provider()
    {
        var checkout = await AtCheckoutAsync(route => route.AbortAsync());

        await checkout.CheckBalanceAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("voucher-card-not-answering"))
            .ToHaveTextAsync("Les champs de carte du prestataire de paiement n’ont pas répondu. Rien n’a été débité\u00a0: réessayez, ou rechargez la page.");
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(checkout.Page);
    }

    /// <summary>Steak and wine at the checkout, a Bimpli card typed into frames whose key requests go through <paramref name="keyRequest"/>.</summary>
    private async Task<CheckoutPage> AtCheckoutAsync(Func<IRoute, Task> keyRequest)
    {
        var page = await browser.NewPhonePageAsync(app.RootUri, "fr-FR");
        await page.RouteAsync($"**{SecuredFieldsEndpoints.Path}/key", keyRequest);
        var checkout = await CheckoutPage.WithSteakAndWineAsync(page);
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", "5038 1100 0000 0010");
        return checkout;
    }

    public void Dispose() => app.Dispose();
}
