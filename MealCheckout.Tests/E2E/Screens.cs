using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>Saves a page as a phone (390 px) and a desktop (1280 px) see it, checked by axe at each width.</summary>
public static class Screens
{
    public static async Task CaptureAsync(IPage page, string name)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // the sticky header at its place in a full-page capture
        await BrowserFixture.ScreenshotAsync(page, name + "-390");
        await page.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ScreenshotAsync(page, name + "-1280");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(390, 844);
    }
}
