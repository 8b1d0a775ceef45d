using System.Web;
using MealCheckout.Core.Persistence;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
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
        var checkout = await CheckoutPage.WithSteakAndWineAsync(await browser.NewPhonePageAsync(app.RootUri, "fr-FR"));
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

        await checkout.Page.WaitForURLAsync("**/receipt/MC-*");
        await Assertions.Expect(checkout.Page.GetByTestId("receipt-leg")).ToHaveCountAsync(2);
        await Assertions.Expect(checkout.Page.GetByTestId("receipt-leg").First).ToContainTextAsync("Titre-restaurant Edenred");
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
        await checkout.LogInToEdenredAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync("18,50\u00a0€");
        await Assertions.Expect(checkout.Page.GetByTestId("edenred-user")).ToHaveTextAsync("Connecté à Edenred\u00a0: le•••@yopmail.com");

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

    /// <summary>
    /// The crafted-link attack, replayed with two browsers: the attacker sends a diner a login link
    /// carrying the attacker's checkout id and a return address that leaves the site.
    /// </summary>
    [Fact]
    public async Task A_login_link_crafted_by_an_attacker_leaves_the_diners_edenred_account_out_of_the_attackers_reach()
    {
        var attacker = new CheckoutPage(await browser.NewPhonePageAsync(app.RootUri, "fr-FR"));
        await attacker.Page.GotoInteractiveAsync("/");
        await attacker.AddFromMenuAsync("Steak frites");
        await attacker.OpenCheckoutAsync();
        await attacker.ChooseBrandAsync("edenred");
        var loginRequest = await attacker.Page.RunAndWaitForRequestAsync(() => attacker.Page.GetByTestId("edenred-login").ClickAsync(), "**/edenred/login?**");
        var attackersCheckout = HttpUtility.ParseQueryString(new Uri(loginRequest.Url).Query)["checkout"];
        await attacker.Page.WaitForURLAsync("**/connect/authorize**");

        var diner = await browser.NewPhonePageAsync(app.RootUri, "fr-FR");
        await diner.GotoAsync($"/edenred/login?checkout={attackersCheckout}&returnUrl=%2F%09%2Fevil.example");
        await CheckoutPage.SignInAtEdenredAsync(diner);

        // The diner lands on this site's checkout, with nothing about the login in the address.
        await diner.WaitForURLAsync(new Uri(app.RootUri, "/checkout").ToString());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var signIn = await db.EdenredSignIns.SingleAsync();
        Assert.Equal(attackersCheckout, signIn.CheckoutId.ToString());

        // The attacker's browser, knowing every id, still has no Edenred login for its checkout.
        foreach (var path in new[] { "/checkout", $"/checkout?edenredLogin={signIn.Id}" })
        {
            await attacker.Page.GotoInteractiveAsync(path);
            await attacker.ChooseBrandAsync("edenred");
            await Assertions.Expect(attacker.Page.GetByTestId("edenred-login")).ToBeVisibleAsync();
            await Assertions.Expect(attacker.Page.GetByTestId("split-voucher")).ToHaveCountAsync(0);
            await Assertions.Expect(attacker.Page.GetByTestId("pay")).ToHaveCountAsync(0);
        }
        await BrowserFixture.ScreenshotAsync(attacker.Page, "edenred-6-attacker-without-login");
        Assert.Empty(app.Services.GetRequiredService<EdenredLedger>().Transactions);
    }

    public void Dispose() => app.Dispose();
}
