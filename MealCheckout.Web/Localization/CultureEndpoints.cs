using MealCheckout.Web.Security;
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
            return Results.LocalRedirect(ReturnUrls.LocalOr(returnUrl, "/"));
        });
        return endpoints;
    }

}
