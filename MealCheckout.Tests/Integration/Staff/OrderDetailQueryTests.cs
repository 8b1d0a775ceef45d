using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Detail;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>The detail staff open from the order history, read from a real SQLite file after a real checkout.</summary>
[Collection(StaffOperationsCollection.Name)]
public sealed class OrderDetailQueryTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    private OrderDetailQuery Query => app.Services.GetRequiredService<OrderDetailQuery>();

    [Fact]
    public async Task Detail_shows_lines_split_reason_legs_with_references_and_the_timeline_in_order()
    {
        var paid = await CheckoutOrders.SplitAsync(app);

        var detail = await Query.FindAsync(paid.Number);

        Assert.NotNull(detail);
        Assert.Equal(["Steak frites", "Verre de Beaujolais"], detail.Order.Lines.OrderBy(l => l.Position).Select(l => l.Name));
        Assert.Equal([true, false], detail.Order.Lines.OrderBy(l => l.Position).Select(l => l.VoucherEligible));
        Assert.Equal(SplitLimit.EligibleAmount, detail.SplitReason);
        var voucher = detail.Order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = detail.Order.Legs.Single(l => l.Kind == LegKind.Card);
        Assert.Equal((1850L, 550L), (voucher.CapturedAmount.Cents, card.CapturedAmount.Cents));
        Assert.False(string.IsNullOrEmpty(voucher.ProviderReference));
        Assert.False(string.IsNullOrEmpty(card.ProviderReference));
        Assert.Equal("1111", card.CardLast4);
        Assert.StartsWith("•••• 0010", voucher.VoucherAccount);

        Assert.Equal(detail.Timeline.OrderBy(e => e.At).Select(e => e.At), detail.Timeline.Select(e => e.At));
        Assert.Equal([LegState.Authorizing, LegState.Authorized, LegState.Captured], detail.Timeline.Where(e => e.Leg.Id == voucher.Id).Select(e => e.To));
        Assert.Equal([LegState.Authorizing, LegState.Authorized, LegState.Captured], detail.Timeline.Where(e => e.Leg.Id == card.Id).Select(e => e.To));
        Assert.All(detail.Timeline, e => Assert.Equal(Core.Calendar.ParisCalendar.ToParis(e.At).Offset, e.ParisTime.Offset));
        Assert.All(detail.Timeline, e => Assert.True(e.ParisTime.Offset == TimeSpan.FromHours(1) || e.ParisTime.Offset == TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task An_order_number_is_found_whatever_its_case_and_spacing()
    {
        var paid = await CheckoutOrders.PayAsync(app, [CheckoutOrders.Wine], null, CheckoutOrders.Visa);

        var detail = await Query.FindAsync($"  {paid.Number.ToLowerInvariant()} ");

        Assert.Equal(paid.Id, detail?.Order.Id);
        Assert.Equal(SplitLimit.NothingEligible, detail!.SplitReason);
    }

    [Fact]
    public async Task An_unknown_order_number_finds_nothing()
    {
        Assert.Null(await Query.FindAsync("MC-000000-ZZZZZZ"));
    }

    public void Dispose() => app.Dispose();
}
