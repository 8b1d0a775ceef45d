using MealCheckout.Core.Staff.History;

namespace MealCheckout.Tests.Unit.Staff;

public sealed class HistorySearchTests
{
    [Theory]
    [InlineData("", HistorySearchKind.None, "")]
    [InlineData("   ", HistorySearchKind.None, "")]
    [InlineData("4242", HistorySearchKind.LastFour, "4242")]
    [InlineData(" 4242 ", HistorySearchKind.LastFour, "4242")]
    [InlineData("mc-261123-7kq4xz", HistorySearchKind.OrderNumber, "MC-261123-7KQ4XZ")]
    [InlineData("MC-2611", HistorySearchKind.OrderNumber, "MC-2611")]
    [InlineData("42424", HistorySearchKind.VoucherAccount, "42424")]
    [InlineData("lerouxpablo@yopmail.com", HistorySearchKind.VoucherAccount, "lerouxpablo@yopmail.com")]
    [InlineData("•••• 4242 #a1b2c3d4e5f6", HistorySearchKind.VoucherAccount, "•••• 4242 #a1b2c3d4e5f6")]
    public void The_search_box_is_read_as_staff_type_it(string typed, HistorySearchKind kind, string text)
    {
        var search = HistorySearch.Parse(typed);

        Assert.Equal(kind, search.Kind);
        Assert.Equal(text, search.Text);
    }

    [Fact]
    public void Two_filters_that_select_the_same_orders_are_the_same_filter()
    {
        var first = new OrderHistoryFilter { Statuses = new HashSet<Core.Orders.OrderStatus> { Core.Orders.OrderStatus.Paid }, Search = "mc-2611" };
        var second = new OrderHistoryFilter { Statuses = new HashSet<Core.Orders.OrderStatus> { Core.Orders.OrderStatus.Paid }, Search = " MC-2611 " };

        Assert.True(first.SelectsSameAs(second));
        Assert.False(first.SelectsSameAs(second with { Issuer = Core.VoucherIssuer.Edenred }));
    }
}
