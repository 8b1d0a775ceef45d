using System.Security.Claims;
using MealCheckout.Core.Staff.Refunds;
using Microsoft.AspNetCore.Authorization;

namespace MealCheckout.Web.Staff;

/// <summary>
/// The refund as the detail page asks for it: the server checks the signed-in person holds the
/// Manager policy before anything is sent, whatever the page showed or hid.
/// </summary>
public sealed class ManagerRefunds(IAuthorizationService authorization, LegRefunds refunds)
{
    public Task<RefundResult> RefundAsync(ClaimsPrincipal user, Guid orderId, Guid legId, CancellationToken cancellationToken = default) =>
        AsManagerAsync(user, name => refunds.RefundAsync(orderId, legId, name, cancellationToken));

    /// <summary>What the manager confirmed in the refund dialog: a refund, a cancel, money given back on the card or a compensation.</summary>
    public Task<RefundResult> DecideAsync(ClaimsPrincipal user, RefundDecision decision, CancellationToken cancellationToken = default) =>
        AsManagerAsync(user, name => refunds.DecideAsync(decision, name, cancellationToken));

    private async Task<RefundResult> AsManagerAsync(ClaimsPrincipal user, Func<string, Task<RefundResult>> action)
    {
        var allowed = await authorization.AuthorizeAsync(user, StaffPolicies.ManageOrders);
        if (!allowed.Succeeded || user.Identity?.Name is not { Length: > 0 } name)
        {
            return new RefundResult(RefundOutcome.NotAllowed);
        }
        return await action(name);
    }
}
