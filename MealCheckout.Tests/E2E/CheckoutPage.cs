using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>Page object for the diner's path: menu → basket → checkout → pay.</summary>
public sealed class CheckoutPage(IPage page)
{
    public IPage Page => page;

    public async Task AddFromMenuAsync(string dishName)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ajouter un {dishName}" }).Or(page.GetByRole(AriaRole.Button, new() { Name = $"Add one {dishName}" })).ClickAsync();
    }

    public async Task OpenCheckoutAsync()
    {
        await page.GetByTestId("go-to-checkout").ClickAsync();
        await page.WaitForURLAsync("**/checkout");
    }

    public Task ChooseBrandAsync(string brand) => page.GetByTestId($"brand-{brand}").ClickAsync();

    public async Task FillCardAsync(string which, string number, string expiry = "12/30", string cvc = "737")
    {
        await page.GetByTestId($"{which}-number").FillAsync(number);
        await page.GetByTestId($"{which}-expiry").FillAsync(expiry);
        await page.GetByTestId($"{which}-cvc").FillAsync(cvc);
    }

    public Task CheckBalanceAsync() => page.GetByTestId("check-balance").ClickAsync();

    /// <summary>
    /// Moves to Pay, then presses it, as a diner does. Clicking straight from a field just typed in can
    /// miss: the server's echo of the focused field's value makes Chromium scroll that field back into
    /// view between Playwright's aim and its click.
    /// </summary>
    public async Task PayAsync()
    {
        await PayButton.FocusAsync();
        await PayButton.ClickAsync();
    }

    /// <summary>The Pay button, which states the amounts it will charge.</summary>
    public ILocator PayButton => page.GetByTestId("pay");

    public Task ChooseTipAsync(int cents) => page.GetByTestId($"tip-{cents}").ClickAsync();

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-interactive='true']");
    }
}
