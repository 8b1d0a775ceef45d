using MealCheckout.Core.Checkout;
using MealCheckout.Web.Checkout;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// This tab's Edenred login, as the browser may know it: the tab's checkout id (the login is bound
/// to it) and the opaque id of the server-side login. Kept in the tab's session storage, encrypted
/// by Data Protection, so it survives the round trip through the Edenred SSO like the cart does.
/// </summary>
public sealed class EdenredLoginState(ProtectedSessionStorage storage)
{
    private const string StorageKey = "mealcheckout.edenred.v1";

    private Stored? current;

    public Guid CheckoutId => current?.CheckoutId ?? Guid.Empty;

    public EdenredLoginReference? Login => current is { SignInId: { } id } ? new EdenredLoginReference(id, current.CheckoutId) : null;

    /// <summary>Reads the tab's state, making a checkout id the first time.</summary>
    public async Task LoadAsync()
    {
        if (current is not null)
        {
            return;
        }
        current = await storage.ReadOrDefaultAsync<Stored>(StorageKey);
        if (current is null)
        {
            current = new Stored(Guid.NewGuid(), null);
            await storage.SetAsync(StorageKey, current);
        }
    }

    public async Task RememberAsync(Guid signInId)
    {
        current = new Stored(CheckoutId, signInId);
        await storage.SetAsync(StorageKey, current);
    }

    public async Task ForgetAsync()
    {
        current = new Stored(CheckoutId, null);
        await storage.SetAsync(StorageKey, current);
    }

    private sealed record Stored(Guid CheckoutId, Guid? SignInId);
}
