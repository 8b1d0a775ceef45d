using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>Waits that make Blazor Server pages safe to drive: the circuit must be connected before a click counts.</summary>
public static class BlazorPage
{
    /// <summary>Opens a path and waits until the interactive circuit has rendered (the app marks the body when it has).</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("body[data-interactive='true']");
    }
}
