using System.Text.RegularExpressions;
using MealCheckout.Core.Persistence;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>An Edenred login the app refuses, seen by the diner in a real Chromium: a plain sentence, the cart kept, nothing stored.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EdenredLoginRefusedTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task An_id_token_issued_for_another_client_is_refused_with_a_sentence_and_the_cart_is_kept()
    {
        app.Services.GetRequiredService<IdTokenFaults>().Arm(IdTokenFault.AnotherAudience);
        var checkout = new CheckoutPage(await browser.NewPhonePageAsync(app.RootUri, "fr-FR"));
        await checkout.Page.GotoInteractiveAsync("/");
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseBrandAsync("edenred");

        await checkout.LogInToEdenredAsync();

        await Assertions.Expect(checkout.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(LoginDidNotGoThrough());
        await Assertions.Expect(checkout.Page.GetByTestId("edenred-login")).ToBeVisibleAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("basket-line")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "edenred-7-login-refused");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.EdenredSignIns.CountAsync());
    }

    [GeneratedRegex("La connexion à Edenred n.a pas abouti")]
    private static partial Regex LoginDidNotGoThrough();

    public void Dispose() => app.Dispose();
}
