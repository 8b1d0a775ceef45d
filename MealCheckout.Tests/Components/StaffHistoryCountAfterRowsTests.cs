using Bunit;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Web.Components.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Components;

/// <summary>
/// At a million orders the count is the slow part of opening the history: the grid shows its first
/// page without waiting for it and fills in the total when it arrives. Proven by order, not by time:
/// every database read after the first page's is held until the test lets it go.
/// </summary>
public sealed class StaffHistoryCountAfterRowsTests : IDisposable
{
    private const int Orders = 60;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task The_first_page_shows_while_the_count_is_held_and_the_total_follows()
    {
        _ = app.RootUri;
        await new SampleOrderSeeder(seed: 11, until: DateTimeOffset.UtcNow, years: 1).SeedAsync(app.DatabasePath, Orders);
        var reads = new HeldAfterFirstRead(app.Services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>());
        await using var ctx = new StaffContext(app, "en", StaffSession.ReadOnly, manager: false, new OrderHistoryReader(reads));

        var grid = ctx.Render<OrderHistoryGrid>();

        grid.WaitForAssertion(() => Assert.Equal(25, grid.FindAll("[data-testid=history-order-link]").Count), Patience);
        Assert.Equal("Counting orders…", grid.Find("[data-testid=history-count]").TextContent.Trim());

        reads.Release();

        grid.WaitForAssertion(() => Assert.Equal($"{Orders} orders", grid.Find("[data-testid=history-count]").TextContent.Trim()), Patience);
        Assert.Equal(25, grid.FindAll("[data-testid=history-order-link]").Count);
    }

    public void Dispose() => app.Dispose();

    /// <summary>The app's own database contexts; every one after the first waits for <see cref="Release"/>.</summary>
    private sealed class HeldAfterFirstRead(IDbContextFactory<MealCheckoutDbContext> contexts) : IDbContextFactory<MealCheckoutDbContext>
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int started;

        public void Release() => released.TrySetResult();

        public MealCheckoutDbContext CreateDbContext() => throw new InvalidOperationException("The history reads through CreateDbContextAsync.");

        public async Task<MealCheckoutDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref started) > 1)
            {
                await released.Task.WaitAsync(cancellationToken);
            }
            return await contexts.CreateDbContextAsync(cancellationToken);
        }
    }
}
