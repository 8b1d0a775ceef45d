using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

[Collection(BrowserCollection.Name)]
public sealed class StaffLoginTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task Staff_member_is_sent_to_sign_in_is_refused_a_wrong_password_then_signs_in_and_out()
    {
        var page = await browser.NewPhonePageAsync(app.RootUri);
        var login = new StaffLogin(page);

        await page.GotoAsync("/staff/orders");
        await page.WaitForURLAsync("**/staff/login?ReturnUrl=%2Fstaff%2Forders");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de l’équipe", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await login.SubmitAsync(StaffSession.ReadOnly, "not-the-password");
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("identifiant ou mot de passe incorrect");
        await BrowserFixture.ScreenshotAsync(page, "staff-login-refused-fr");
        await Assertions.Expect(page.GetByTestId("login-password")).ToHaveValueAsync("");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await login.SignInAsync(StaffSession.ReadOnly, StaffSession.ReadOnlyPassword);
        await Assertions.Expect(page.GetByTestId("staff-user")).ToContainTextAsync(StaffSession.ReadOnly);
        await Assertions.Expect(page.GetByTestId("nav-orders")).ToHaveAttributeAsync("class", new System.Text.RegularExpressions.Regex("active"));
        await BrowserFixture.ScreenshotAsync(page, "staff-orders-signed-in");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await login.SignOutAsync();
        await page.GotoAsync("/staff/orders");
        await page.WaitForURLAsync("**/staff/login**");
    }

    public void Dispose() => app.Dispose();
}
