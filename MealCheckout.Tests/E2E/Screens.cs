using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>Saves a page as a phone (390 px) and a desktop (1280 px) see it, checked by axe at each width.</summary>
public static class Screens
{
    private const int Phone = 390;

    public static async Task CaptureAsync(IPage page, string name)
    {
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone, $"{name}: the page is {width} px wide on a {Phone} px phone");
        await ScreenshotBothWidthsAsync(page, name);
        await page.SetViewportSizeAsync(1280, 800);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.SetViewportSizeAsync(Phone, 844);
    }

    /// <summary>The page at 390 px then 1280 px wide, from its top: the sticky header and bars sit where a person sees them.</summary>
    public static async Task ScreenshotBothWidthsAsync(IPage page, string name)
    {
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, name + "-390");
        await page.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ScreenshotAsync(page, name + "-1280");
        await page.SetViewportSizeAsync(Phone, 844);
    }
}
