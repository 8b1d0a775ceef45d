using MealCheckout.Core.Checkout;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Web.Checkout;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// This tab's Edenred login. The tab keeps only its checkout id (in its session storage, encrypted
/// by Data Protection, so it survives the round trip through the Edenred SSO like the cart does);
/// the login itself is found on the server by this browser's binding and that checkout, so no
/// login id ever reaches the browser.
/// </summary>
public sealed class EdenredLoginState(ProtectedSessionStorage storage, EdenredSignIns signIns, EdenredBrowser browser)
{
    private const string StorageKey = "mealcheckout.edenred.v2";

    private Guid? checkoutId;

    public Guid CheckoutId => checkoutId ?? Guid.Empty;

    /// <summary>The login this browser made for this tab's checkout; only ever held on the server.</summary>
    public EdenredLoginReference? Login { get; private set; }

    /// <summary>Reads the tab's checkout id (making one the first time) and finds this browser's login for it.</summary>
    public async Task LoadAsync()
    {
        if (checkoutId is null)
        {
            checkoutId = await storage.ReadOrDefaultAsync<Guid?>(StorageKey);
            if (checkoutId is null)
            {
                checkoutId = Guid.NewGuid();
                await storage.SetAsync(StorageKey, checkoutId.Value);
            }
        }
        var session = await signIns.FindForBrowserAsync(browser.BindingHash ?? "", checkoutId.Value, CancellationToken.None);
        Login = session is null ? null : new EdenredLoginReference(session.Id, session.CheckoutId);
    }

    /// <summary>The login was refused or is gone: the page offers to log in again.</summary>
    public void Forget() => Login = null;
}
