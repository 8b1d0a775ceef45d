using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>axe-core on the page as the diner sees it: no serious or critical violation is acceptable.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join(Environment.NewLine, serious.Select(v =>
            $"{v.Impact}: {v.Id} — {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }
}
