using System.Security.Claims;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>The server checks the role before a refund is sent, whatever the page showed.</summary>
[Collection(StaffOperationsCollection.Name)]
public sealed class ManagerRefundsTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task A_staff_member_without_the_manager_role_is_refused_and_nothing_is_sent()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);

        var asStaff = await RefundAsAsync(Person(StaffSession.ReadOnly, StaffRoles.Staff), order.Id, card.Id);
        var anonymous = await RefundAsAsync(new ClaimsPrincipal(new ClaimsIdentity()), order.Id, card.Id);

        Assert.Equal(RefundOutcome.NotAllowed, asStaff.Outcome);
        Assert.Equal(RefundOutcome.NotAllowed, anonymous.Outcome);
        var after = (await app.Services.GetRequiredService<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == card.Id);
        Assert.Equal(LegState.Captured, after.State);
        Assert.DoesNotContain(after.Calls, c => c.Operation == LegRefunds.RefundOperation);
        Assert.Equal("captured", app.Services.GetRequiredService<AdyenLedger>().FindPayment(card.ProviderReference!)!.Status);
    }

    [Fact]
    public async Task A_manager_refunds_and_the_audit_trail_names_them()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);

        var result = await RefundAsAsync(Person(StaffSession.Manager, StaffRoles.Manager), order.Id, card.Id);

        Assert.Equal(RefundOutcome.Refunded, result.Outcome);
        var after = (await app.Services.GetRequiredService<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == card.Id);
        Assert.Contains(StaffSession.Manager, after.Transitions.Single(t => t.To == LegState.Refunded).Reason);
    }

    private async Task<RefundResult> RefundAsAsync(ClaimsPrincipal user, Guid orderId, Guid legId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ManagerRefunds>().RefundAsync(user, orderId, legId);
    }

    private static ClaimsPrincipal Person(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], IdentityConstants.ApplicationScheme));

    public void Dispose() => app.Dispose();
}
