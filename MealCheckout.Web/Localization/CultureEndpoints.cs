using Microsoft.AspNetCore.Localization;

namespace MealCheckout.Web.Localization;

/// <summary>
/// Switches the diner's language. A Blazor Server circuit keeps the culture it started with,
/// so the switch stores the choice in the culture cookie and reloads the page; the basket
/// survives because it lives in the tab's session storage.
/// </summary>
public static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            if (!SupportedCultures.All.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.BadRequest();
            }
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        });
        return endpoints;
    }

    // Only same-site paths: never let the switch become an open redirect.
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
