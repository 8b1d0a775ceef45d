using Microsoft.AspNetCore.Antiforgery;

namespace MealCheckout.Web.Security;

/// <summary>The check of the app's own form posts (logouts): a valid antiforgery token in a form the server can read.</summary>
public static class FormPosts
{
    /// <summary>False for a missing or foreign token, and for a body that is not a readable form (the caller answers 400, not 500).</summary>
    public static async Task<bool> IsGenuineAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
