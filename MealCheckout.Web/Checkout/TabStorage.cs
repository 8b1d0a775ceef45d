using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MealCheckout.Web.Checkout;

/// <summary>Reads what this tab (session storage) or this browser (local storage) keeps in protected storage.</summary>
public static class TabStorage
{
    /// <summary>The stored value, or default when there is none or it was written under another key ring (start afresh rather than fail).</summary>
    public static async Task<T?> ReadOrDefaultAsync<T>(this ProtectedBrowserStorage storage, string key)
    {
        try
        {
            var result = await storage.GetAsync<T>(key);
            return result.Success ? result.Value : default;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return default;
        }
    }
}
