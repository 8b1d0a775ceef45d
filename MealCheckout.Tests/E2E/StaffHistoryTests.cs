using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

[Collection(ScreensCollection.Name)]
public sealed class StaffHistoryTests(BrowserFixture browser) : IDisposable
{
    private const int Orders = 300;
    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task Staff_signs_in_filters_the_history_opens_an_order_and_signs_out()
    {
        var reader = await SeededHistoryAsync();
        var refunded = new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.Refunded } };
        var refundedCount = await reader.CountAsync(refunded);
        var page = await browser.NewPhonePageAsync(app.RootUri);

        await page.GotoAsync("/staff/orders");
        await page.WaitForURLAsync("**/staff/login**");
        await new StaffLogin(page).SignInAsync(StaffSession.ReadOnly, StaffSession.ReadOnlyPassword);

        var links = page.GetByTestId("history-order-link");
        await Assertions.Expect(links).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByTestId("history-count")).ToHaveTextAsync($"{Orders} commandes");

        await StaffHistory.ChooseAsync(page, "history-status", "Remboursée");
        await page.GetByTestId("history-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("history-count")).ToHaveTextAsync(refundedCount == 1 ? "1 commande" : $"{refundedCount} commandes");
        var statuses = page.Locator("[data-testid=history-grid] .history-status");
        await Assertions.Expect(statuses).ToHaveCountAsync(Math.Min(refundedCount, 25));
        Assert.All(await statuses.AllTextContentsAsync(), text => Assert.Equal("Remboursée", text.Trim()));
        await BrowserFixture.ScreenshotAsync(page, "staff-history-filtered-fr");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var number = await links.First.TextContentAsync() ?? "";
        await page.GetByTestId("history-search").FillAsync(number);
        await page.GetByTestId("history-apply").ClickAsync();
        await Assertions.Expect(links).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("history-count")).ToHaveTextAsync("1 commande");

        // The link opens the order's detail page (its content is tested with that page).
        await links.First.ClickAsync();
        await page.WaitForURLAsync($"**/staff/orders/{number}");
        await Assertions.Expect(page.GetByTestId("detail-total")).ToBeVisibleAsync();

        // A fresh tab of the same browser session, so the detail page still loading cannot interrupt the next step.
        var tab = await page.Context.NewPageAsync();
        await tab.GotoInteractiveAsync("/staff/orders");
        await new StaffLogin(tab).SignOutAsync();
        await tab.GotoAsync("/staff/orders");
        await tab.WaitForURLAsync("**/staff/login**");
    }

    [Fact]
    public async Task The_history_grid_pages_and_sorts_on_the_server()
    {
        var reader = await SeededHistoryAsync();
        var oldest = (await reader.ReadAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, new HistorySeek.FromEnd(0), 1)).Single();
        var page = await browser.NewPhonePageAsync(app.RootUri);
        await page.SetViewportSizeAsync(1280, 800); // a phone's pager has no first and last page buttons
        await SignInAsync(page);

        var links = page.GetByTestId("history-order-link");
        var firstPage = await links.AllTextContentsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Page suivante" }).ClickAsync();
        await Assertions.Expect(links.First).Not.ToHaveTextAsync(firstPage[0]);
        Assert.Empty(firstPage.Intersect(await links.AllTextContentsAsync()));

        await page.GetByRole(AriaRole.Button, new() { Name = "Dernière page" }).ClickAsync();
        await Assertions.Expect(links.Last).ToHaveTextAsync(oldest.Number);
        await BrowserFixture.ScreenshotAsync(page, "staff-history-last-page-fr");
    }

    private static async Task SignInAsync(IPage page)
    {
        await new StaffLogin(page).SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword);
        await Assertions.Expect(page.GetByTestId("history-order-link")).ToHaveCountAsync(25);
    }

    private async Task<OrderHistoryReader> SeededHistoryAsync()
    {
        _ = app.RootUri;
        await new SampleOrderSeeder(seed: 11, until: DateTimeOffset.UtcNow, years: 1).SeedAsync(app.DatabasePath, Orders);
        return new OrderHistoryReader(app.Services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>());
    }

    public void Dispose() => app.Dispose();
}
