using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MealCheckout.Web.Staff;

/// <summary>
/// A staff page stays open for hours in one circuit. Every few minutes the circuit re-checks the
/// account's security stamp, so a locked account, a changed password or a removed role ends the
/// session on open pages too, not only at the next sign-in.
/// </summary>
public sealed class StaffAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await IsStillValidAsync(users, authenticationState.User, identity.Value);
    }

    internal static async Task<bool> IsStillValidAsync(UserManager<StaffUser> users, ClaimsPrincipal principal, IdentityOptions identity)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        var user = await users.GetUserAsync(principal);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }
        return principal.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
