using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>A manager stops accepting a brand on the settings page; the next diner is no longer offered it, nor told of it in the footer.</summary>
[Collection(ScreensCollection.Name)]
public sealed class RestaurantSettingsPageTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task A_manager_stops_accepting_Pluxee_the_change_is_in_the_history_and_diners_are_no_longer_offered_it()
    {
        var manager = await browser.NewPhonePageAsync(app.RootUri);
        await manager.GotoAsync("/staff/login?ReturnUrl=" + Uri.EscapeDataString("/staff/settings"));
        await new StaffLogin(manager).SubmitAsync(StaffSession.Manager, StaffSession.ManagerPassword);
        await manager.WaitForURLAsync("**/staff/settings");
        await manager.WaitForSelectorAsync("body[data-interactive='true']");
        await Assertions.Expect(manager.GetByTestId("settings-history-empty")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(manager);

        await manager.GetByTestId("settings-issuer-pluxee").GetByText("Accepter Pluxee").ClickAsync();
        await manager.GetByTestId("settings-save").ClickAsync();

        await Assertions.Expect(manager.GetByTestId("settings-status")).ToHaveTextAsync("Réglages enregistrés (1 modification(s)).");
        await Assertions.Expect(manager.GetByTestId("settings-change")).ToContainTextAsync("Pluxee accepté");
        await BrowserFixture.ScreenshotAsync(manager, "staff-settings-saved");
        await Accessibility.AssertNoSeriousViolationsAsync(manager);
        Assert.True(await manager.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the settings page is wider than the phone");

        var diner = await browser.NewPhonePageAsync(app.RootUri);
        await diner.GotoInteractiveAsync("/");
        var checkout = new CheckoutPage(diner);
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.OpenCheckoutAsync();

        await Assertions.Expect(diner.GetByTestId("brand-bimpli")).ToBeVisibleAsync();
        await Assertions.Expect(diner.GetByTestId("brand-pluxee")).ToHaveCountAsync(0);
        await Assertions.Expect(diner.GetByTestId("footer-vouchers")).ToHaveTextAsync("Titres-restaurant acceptés : Edenred, Bimpli, Up Déjeuner, Swile. Paiement sécurisé.");
    }

    public void Dispose() => app.Dispose();
}
