using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// Where the browser loads the payment provider's secured card fields: the provider serves them under
/// its API's base address (<c>securedfields/</c>). A base address given as a path is the built-in
/// sandbox on this app's own origin; an absolute one is another origin, which the CSP must allow.
/// </summary>
public static class SecuredFieldsSource
{
    public static string ScriptUrl(string adyenBaseAddress) => Root(adyenBaseAddress) + "securedfields.js";

    /// <summary>The provider's origin ("https://checkout.example"), or null when it is this app's own.</summary>
    public static string? ProviderOrigin(string? adyenBaseAddress) =>
        adyenBaseAddress is { Length: > 0 } address && !address.StartsWith('/') && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>The secured fields' path on this app when the provider is the built-in sandbox, else null.</summary>
    public static string? PathOnThisApp(string? adyenBaseAddress) =>
        adyenBaseAddress is { Length: > 0 } address && address.StartsWith('/') ? Root(address) : null;

    private static string Root(string adyenBaseAddress) => adyenBaseAddress.TrimEnd('/') + "/securedfields/";
}
