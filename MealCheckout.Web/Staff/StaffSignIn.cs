using System.Net;
using Microsoft.AspNetCore.Identity;

namespace MealCheckout.Web.Staff;

/// <summary>Whether a sign-in worked. Failures are deliberately not told apart to the person signing in.</summary>
public enum StaffSignInResult
{
    SignedIn,
    Refused,
}

/// <summary>
/// Password sign-in, throttled per account and client address (<see cref="StaffSignInThrottle"/>)
/// rather than locked per account, so anonymous guessing cannot lock the real user out. An unknown
/// name, a wrong password and a refused client all give the same answer after the same work (a
/// password hash is checked in every case), so the form does not reveal which accounts exist.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, StaffSignInThrottle throttle, ILogger<StaffSignIn> logger)
{
    private static readonly StaffUser Nobody = new() { UserName = "nobody" };
    private static string? nobodyHash;

    public async Task<StaffSignInResult> SignInAsync(string userName, string password, IPAddress? client)
    {
        var account = signIn.UserManager.NormalizeName(userName.Trim());
        if (await throttle.IsRefusedAsync(account, client))
        {
            VerifyAgainstNobody(password); // the same work as any other answer
            logger.LogWarning("Staff sign-in refused: too many failures for this account from this client");
            return StaffSignInResult.Refused;
        }
        var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            VerifyAgainstNobody(password);
            await throttle.FailedAsync(account, client);
            logger.LogInformation("Staff sign-in refused: unknown account");
            return StaffSignInResult.Refused;
        }
        // No account-wide lockout: a stranger's failures would lock the real user out too.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(account, client);
            logger.LogInformation("Staff member {UserId} signed in", user.Id);
            return StaffSignInResult.SignedIn;
        }
        await throttle.FailedAsync(account, client);
        logger.LogWarning("Staff sign-in refused for {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
        return StaffSignInResult.Refused;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    private void VerifyAgainstNobody(string password)
    {
        nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(Nobody, nobodyHash, password);
    }
}
