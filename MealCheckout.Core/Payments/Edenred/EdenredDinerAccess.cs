namespace MealCheckout.Core.Payments.Edenred;

/// <summary>The diner's Edenred login is gone or refused: they must log in again before paying with Edenred.</summary>
public sealed class EdenredLoginRequiredException() : Exception("The diner must log in to Edenred again.");

/// <summary>
/// Calls the Direct Payment API on the diner's behalf with their stored access token. A 401 gets
/// exactly one refresh (the new tokens replace the old, as Edenred rotates refresh tokens) and one
/// more try; a refused refresh forgets the login and asks the diner to log in again.
/// </summary>
public sealed class EdenredDinerAccess(EdenredSignIns signIns, EdenredSso sso)
{
    public async Task<T> CallAsync<T>(EdenredSession session, Func<string, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(session.Tokens.AccessToken);
        }
        catch (ProviderErrorException ex) when (ex.HttpStatus == 401 && ex.ErrorCode is "INVALID_TOKEN" or "UNAUTHORIZED")
        {
            var current = await signIns.FindAsync(session.Id, session.CheckoutId, cancellationToken) ?? throw new EdenredLoginRequiredException();
            var refreshed = await sso.RefreshAsync(current.Tokens, cancellationToken);
            if (refreshed is null)
            {
                await signIns.ForgetAsync(session.Id, cancellationToken);
                throw new EdenredLoginRequiredException();
            }
            await signIns.ReplaceTokensAsync(session.Id, refreshed, cancellationToken);
            return await call(refreshed.AccessToken);
        }
    }
}
