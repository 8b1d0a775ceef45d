using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>The staff sign-in form as a person fills it; other staff tests start here.</summary>
public sealed class StaffLogin(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Fills and sends the form; the caller waits for where it should lead.</summary>
    public async Task SubmitAsync(string userName, string password)
    {
        await Page.GetByTestId("login-user").FillAsync(userName);
        await Page.GetByTestId("login-password").FillAsync(password);
        await Page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>Signs in from the login page and waits for the interactive orders page.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        if (!Page.Url.Contains("/staff/login", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/staff/login");
        }
        await SubmitAsync(userName, password);
        await Page.WaitForURLAsync("**/staff/orders**");
        await Page.WaitForSelectorAsync("body[data-interactive='true']");
    }

    public async Task SignOutAsync()
    {
        await Page.GetByTestId("logout").ClickAsync();
        await Page.WaitForURLAsync("**/staff/login**");
    }
}
