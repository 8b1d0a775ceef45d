using Microsoft.AspNetCore.Identity;

namespace MealCheckout.Web.Staff;

/// <summary>Whether a sign-in worked. Failures are deliberately not told apart to the person signing in.</summary>
public enum StaffSignInResult
{
    SignedIn,
    Refused,
}

/// <summary>
/// Password sign-in with lockout. An unknown name, a wrong password and a locked account all give
/// the same answer after the same work (a password hash is checked in every case), so the form
/// does not reveal which accounts exist.
/// </summary>
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, ILogger<StaffSignIn> logger)
{
    private static readonly StaffUser Nobody = new() { UserName = "nobody" };
    private static string? nobodyHash;

    public async Task<StaffSignInResult> SignInAsync(string userName, string password)
    {
        var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, nobodyHash, password);
            logger.LogInformation("Staff sign-in refused: unknown account");
            return StaffSignInResult.Refused;
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff member {UserId} signed in", user.Id);
            return StaffSignInResult.SignedIn;
        }
        logger.LogWarning("Staff sign-in refused for {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
        return StaffSignInResult.Refused;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();
}
