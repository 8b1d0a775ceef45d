using MealCheckout.Core.Staff.History;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// Every step a manager sees, on a phone (390 px) and a desktop (1280 px), in French and in English:
/// sign-in, history, an order, the refund dialog open, the settlement, the rules in force and the settings. Each is saved under the test
/// output's e2e-artifacts folder and checked by axe.
/// </summary>
[Collection(ScreensCollection.Name)]
public sealed class StaffScreensTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("en", "en")]
    public async Task Every_staff_step_reads_well_on_a_phone_and_a_desktop(string locale, string language)
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await new SampleOrderSeeder(seed: 5, until: now.AddDays(-1), years: 1).SeedAsync(app.DatabasePath, 400);
        var page = await browser.NewPhonePageAsync(app.RootUri, locale);

        await page.GotoAsync("/staff/login");
        if (language == "en")
        {
            await page.GetByTestId("language-switch").ClickAsync();
            await page.WaitForSelectorAsync("html[lang=en]");
        }
        await Screens.CaptureAsync(page, $"staff-{language}-1-sign-in");

        await new StaffLogin(page).SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword);
        await Assertions.Expect(page.GetByTestId("history-order-link")).ToHaveCountAsync(25);
        await Screens.CaptureAsync(page, $"staff-{language}-2-history");

        await page.GetByTestId("history-order-link").Filter(new() { HasText = order.Number }).ClickAsync();
        await page.WaitForURLAsync($"**/staff/orders/{order.Number}");
        await Assertions.Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(6);
        await Screens.CaptureAsync(page, $"staff-{language}-3-order");

        await page.GetByTestId("leg").Filter(new() { HasText = "•••• 1111" }).GetByTestId("refund").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByTestId("confirm-refund")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"staff-{language}-4-refund-dialog");
        await page.GetByRole(AriaRole.Dialog).GetByTestId("confirm-refund").ClickAsync();
        await Assertions.Expect(page.GetByTestId("refund-message")).ToBeVisibleAsync();

        await page.GetByTestId("nav-settlement").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settlement-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("settlement-chart").Locator("svg")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"staff-{language}-5-settlement");

        await page.GetByTestId("nav-rules").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rules-in-force-today").First).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"staff-{language}-6-rules");

        await page.GetByTestId("nav-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-save")).ToBeVisibleAsync();
        await Screens.CaptureAsync(page, $"staff-{language}-7-settings");
    }

    public void Dispose() => app.Dispose();
}
