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
    public async Task<RefundResult> RefundAsync(ClaimsPrincipal user, Guid orderId, Guid legId, CancellationToken cancellationToken = default)
    {
        var allowed = await authorization.AuthorizeAsync(user, StaffPolicies.ManageOrders);
        if (!allowed.Succeeded || user.Identity?.Name is not { Length: > 0 } name)
        {
            return new RefundResult(RefundOutcome.NotAllowed);
        }
        return await refunds.RefundAsync(orderId, legId, name, cancellationToken);
    }
}
