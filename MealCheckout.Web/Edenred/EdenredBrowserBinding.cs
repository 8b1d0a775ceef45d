using System.Security.Cryptography;
using System.Text;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// Ties an Edenred login to the browser that started it. When a login starts, the browser gets a
/// random secret in an HttpOnly, SameSite=Lax cookie (Secure over HTTPS); the server keeps only its
/// SHA-256 hash, on the login's row. A page finds its login by that hash and its checkout, so a
/// login made by following someone else's link stays with the browser that made it.
/// </summary>
public static class EdenredBrowserBinding
{
    public const string CookieName = "MealCheckout.EdenredBrowser";

    private const int SecretBytes = 32;
    private const int SecretLength = 43; // 32 bytes in unpadded base64url

    /// <summary>The hash of this browser's binding; a browser that has none gets a new secret on the response.</summary>
    public static string Ensure(HttpContext http)
    {
        if (HashFrom(http.Request) is { } existing)
        {
            return existing;
        }
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        http.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax, // the SSO brings the diner back with a top-level GET from its own site
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return Hash(secret);
    }

    /// <summary>The hash of the binding this request's browser holds, or null when it holds none.</summary>
    public static string? HashFrom(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var secret) && IsWellFormed(secret) ? Hash(secret!) : null;

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static bool IsWellFormed(string? secret) =>
        secret is { Length: SecretLength } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
