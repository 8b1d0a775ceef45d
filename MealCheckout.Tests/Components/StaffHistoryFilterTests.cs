using AngleSharp.Dom;
using Bunit;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Web.Components.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The staff history's filters as a staff member uses them, in French and English: choose a status,
/// type an order number or an amount, submit, clear; the grid reads the app's real SQLite history.
/// </summary>
public sealed class StaffHistoryFilterTests : IDisposable
{
    private const int Orders = 120;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly MealCheckoutAppFactory app = new();

    [Theory]
    [InlineData("fr-FR", "commandes", "commande", "Remboursée")]
    [InlineData("en", "orders", "order", "Refunded")]
    public async Task Choosing_a_status_typing_a_number_or_an_amount_filters_the_grid_and_clearing_shows_everything(
        string culture, string many, string one, string refundedWord)
    {
        var reader = await SeededHistoryAsync();
        var refundedCount = await reader.CountAsync(new OrderHistoryFilter { Statuses = new HashSet<OrderStatus> { OrderStatus.Refunded } });
        await using var ctx = new StaffContext(app, culture, StaffSession.ReadOnly, manager: false);
        var grid = ctx.Render<OrderHistoryGrid>();
        grid.WaitForAssertion(() => Assert.Equal(25, Links(grid).Count), Patience);
        // The count follows the first page.
        grid.WaitForAssertion(() => Assert.Equal($"{Orders} {many}", Count(grid)), Patience);

        grid.Find("[data-testid=history-status]").Closest(".mud-input-control")!.MouseDown();
        ctx.Popovers.WaitForAssertion(() => Assert.NotEmpty(ctx.Popovers.FindAll(".mud-list-item")), Patience);
        ctx.Popovers.FindAll(".mud-list-item").Single(item => item.TextContent.Trim() == refundedWord).Click();
        await grid.Find("[data-testid=history-filters]").SubmitAsync();

        grid.WaitForAssertion(() => Assert.Equal($"{refundedCount} {(refundedCount == 1 ? one : many)}", Count(grid)), Patience);
        Assert.All(grid.FindAll("[data-testid=history-grid] .history-status"), status => Assert.Equal(refundedWord, status.TextContent.Trim()));

        var number = Links(grid)[0].TextContent.Trim();
        grid.Find("[data-testid=history-search]").Change(number);
        await grid.Find("[data-testid=history-filters]").SubmitAsync();
        grid.WaitForAssertion(() => Assert.Equal($"1 {one}", Count(grid)), Patience);
        Assert.Equal(number, Links(grid).Single().TextContent.Trim());

        grid.Find("[data-testid=history-min]").Change("100000");
        await grid.Find("[data-testid=history-filters]").SubmitAsync();
        grid.WaitForAssertion(() => Assert.Empty(Links(grid)), Patience);
        // French counts zero in the singular, English in the plural.
        grid.WaitForAssertion(() => Assert.Equal(culture == "en" ? "0 orders" : "0 commande", Count(grid)), Patience);

        grid.Find("[data-testid=history-reset]").Click();
        grid.WaitForAssertion(() => Assert.Equal($"{Orders} {many}", Count(grid)), Patience);
        Assert.Equal(25, Links(grid).Count);
    }

    [Fact]
    public async Task The_payment_column_names_each_leg_by_brand_and_last_four_never_by_its_fingerprint()
    {
        await SeededHistoryAsync();
        await using var ctx = new StaffContext(app, "fr-FR", StaffSession.ReadOnly, manager: false);
        var grid = ctx.Render<OrderHistoryGrid>();
        grid.WaitForAssertion(() => Assert.Equal(25, Links(grid).Count), Patience);

        var legs = grid.FindAll("[data-testid=history-legs] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.NotEmpty(legs);
        Assert.All(legs, leg => Assert.Matches(@"^(Edenred .+|(Bimpli|Pluxee|Up Déjeuner|Visa|Mastercard|CB|Carte) •••• \d{4})$", leg));
        Assert.DoesNotContain(legs, leg => leg.Contains('#', StringComparison.Ordinal));
    }

    private static IReadOnlyList<IElement> Links(IRenderedComponent<OrderHistoryGrid> grid) => grid.FindAll("[data-testid=history-order-link]");

    private static string Count(IRenderedComponent<OrderHistoryGrid> grid) => grid.Find("[data-testid=history-count]").TextContent.Trim();

    private async Task<OrderHistoryReader> SeededHistoryAsync()
    {
        _ = app.RootUri;
        await new SampleOrderSeeder(seed: 7, until: DateTimeOffset.UtcNow, years: 1).SeedAsync(app.DatabasePath, Orders);
        return new OrderHistoryReader(app.Services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>());
    }

    public void Dispose() => app.Dispose();
}
