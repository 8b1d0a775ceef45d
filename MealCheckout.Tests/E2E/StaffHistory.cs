using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>The history filters as a person uses them: a MudBlazor select opens a list of options to click.</summary>
public static class StaffHistory
{
    public static async Task ChooseAsync(IPage page, string selectTestId, string option)
    {
        await page.GetByTestId(selectTestId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") })
            .ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
