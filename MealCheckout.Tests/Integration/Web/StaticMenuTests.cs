using System.Text.RegularExpressions;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>
/// The menu is a static page with one interactive island (docs/decisions/0024): a circuit opened on it keeps the
/// dishes and the basket, not the layout, title, language switch and footer around them. Read from the HTML the
/// server sends, where each interactive root component is framed by Blazor's comment markers.
/// </summary>
public sealed partial class StaticMenuTests
{
    [Fact]
    public async Task The_menu_starts_one_interactive_component_holding_the_dishes_and_the_basket_and_nothing_else()
    {
        using var app = new MealCheckoutAppFactory();

        var html = await app.CreateLoopbackClient().GetStringAsync("/");

        var island = Assert.Single(InteractiveRoots(html));
        Assert.Contains("data-testid=\"menu-item\"", island, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"cart\"", island, StringComparison.Ordinal);
        var outside = html.Replace(island, "", StringComparison.Ordinal);
        Assert.Contains("<h1", outside, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"language-switch\"", outside, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"footer-vouchers\"", outside, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", island, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checkout_stays_interactive_from_its_title_to_its_footer()
    {
        using var app = new MealCheckoutAppFactory();

        var html = await app.CreateLoopbackClient().GetStringAsync("/checkout");

        // The head's title and the routed page with its layout.
        Assert.Equal(2, InteractiveRoots(html).Count);
    }

    /// <summary>The prerendered HTML of each interactive server root component, between its opening and closing markers.</summary>
    private static List<string> InteractiveRoots(string html) =>
        OpeningMarker().Matches(html).Select(start =>
        {
            var end = html.IndexOf($"<!--Blazor:{{\"prerenderId\":\"{start.Groups["id"].Value}\"}}-->", start.Index, StringComparison.Ordinal);
            Assert.True(end > start.Index, "an interactive component without its closing marker");
            return html[start.Index..end];
        }).ToList();

    [GeneratedRegex("""<!--Blazor:\{"type":"server","prerenderId":"(?<id>[^"]+)"[^>]*-->""")]
    private static partial Regex OpeningMarker();
}
