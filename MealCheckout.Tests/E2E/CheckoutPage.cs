using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>Page object for the diner's path: menu → basket → checkout → pay.</summary>
public sealed class CheckoutPage(IPage page)
{
    public IPage Page => page;

    /// <summary>The split most tests pay: from the menu, a steak (voucher-eligible) and a glass of wine (not), at the checkout.</summary>
    public static async Task<CheckoutPage> WithSteakAndWineAsync(IPage page)
    {
        await page.GotoInteractiveAsync("/");
        var checkout = new CheckoutPage(page);
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.AddFromMenuAsync("Verre de Beaujolais");
        await checkout.OpenCheckoutAsync();
        return checkout;
    }

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

    /// <summary>Logs in to Edenred from the checkout with the sandbox's test account and waits for the checkout to be live again.</summary>
    public async Task LogInToEdenredAsync()
    {
        await page.GetByTestId("edenred-login").ClickAsync();
        await SignInAtEdenredAsync(page);
        await page.WaitForURLAsync("**/checkout");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
    }

    /// <summary>Fills and sends the Edenred SSO's login form (French, as the SSO shows it).</summary>
    public static async Task SignInAtEdenredAsync(IPage page)
    {
        await page.FillAsync("#email", "lerouxpablo@yopmail.com");
        await page.FillAsync("#password", "Edenred2021*");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    /// <summary>Types a card into the provider's secured fields (one frame per field), key by key as a diner would.</summary>
    public async Task FillCardAsync(string which, string number, string expiry = "12/30", string cvc = "737")
    {
        await TypeAsync(CardField(which, "number"), number);
        await TypeAsync(CardField(which, "expiry"), expiry);
        await TypeAsync(CardField(which, "cvc"), cvc);
    }

    /// <summary>The input inside the provider's frame for one field ("number", "expiry", "cvc") of a card ("voucher-card", "bank-card").</summary>
    public ILocator CardField(string which, string field) =>
        page.FrameLocator($"[data-testid={which}-{field}] iframe").Locator("input");

    /// <summary>The message under one field of a card.</summary>
    public ILocator CardFieldError(string which, string field) => page.GetByTestId($"{which}-{field}-error");

    /// <summary>Empties the field, then types: the frame formats as it goes (groups of four, MM/YY).</summary>
    public static async Task TypeAsync(ILocator field, string text)
    {
        await field.ClearAsync();
        await field.PressSequentiallyAsync(text);
    }

    /// <summary>Moves to the balance button, then presses it: the same care as <see cref="PayAsync"/>, right after typing a card.</summary>
    public async Task CheckBalanceAsync()
    {
        var button = page.GetByTestId("check-balance");
        await button.FocusAsync();
        await button.ClickAsync();
    }

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
