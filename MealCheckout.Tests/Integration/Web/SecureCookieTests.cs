using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Web.Edenred;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>
/// Behind a TLS proxy the app sees plain HTTP: only a proxy listed in ForwardedHeaders may tell it
/// the request came over HTTPS, and then every cookie it sets is Secure.
/// </summary>
public sealed class SecureCookieTests
{
    private static readonly string[] CookiesOfTheWalk =
        [".AspNetCore.Antiforgery.", "MealCheckout.Staff=", ".AspNetCore.Culture=", EdenredBrowserBinding.CookieName + "=", ".AspNetCore.Correlation.", ".AspNetCore.OpenIdConnect.Nonce."];

    [Fact]
    public async Task Every_cookie_is_secure_when_a_configured_proxy_says_the_request_came_over_https()
    {
        using var app = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = "127.0.0.1" });

        var cookies = await CookiesSetAlongTheWalkAsync(app, forwardedProto: "https");

        Assert.All(CookiesOfTheWalk, name => Assert.Contains(cookies, c => c.StartsWith(name, StringComparison.Ordinal)));
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_https_header_of_a_proxy_that_is_not_configured_is_ignored()
    {
        using var app = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = "10.9.8.7" });

        var cookies = await CookiesSetAlongTheWalkAsync(app, forwardedProto: "https");

        Assert.All(CookiesOfTheWalk, name => Assert.Contains(cookies, c => c.StartsWith(name, StringComparison.Ordinal)));
        Assert.All(cookies, cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Without_any_configured_proxy_the_forwarded_headers_are_ignored()
    {
        using var app = new MealCheckoutAppFactory();

        var cookies = await CookiesSetAlongTheWalkAsync(app, forwardedProto: "https");

        Assert.All(cookies, cookie => Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every Set-Cookie of a walk through the places that set cookies: staff sign-in, language switch, Edenred login.</summary>
    private static async Task<List<string>> CookiesSetAlongTheWalkAsync(MealCheckoutAppFactory app, string forwardedProto)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.RootUri };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        var jar = new Dictionary<string, string>();
        var set = new List<string>();

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }
            var response = await client.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                set.Add(cookie);
                var pair = cookie.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }
            return response;
        }

        var form = await (await SendAsync(HttpMethod.Get, "/staff/login")).Content.ReadAsStringAsync();
        var signIn = await SendAsync(HttpMethod.Post, "/staff/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "staff-login",
            ["__RequestVerificationToken"] = StaffSession.AntiforgeryToken(form),
            ["Input.UserName"] = StaffSession.Manager,
            ["Input.Password"] = StaffSession.ManagerPassword,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        await SendAsync(HttpMethod.Get, "/culture/en?returnUrl=%2F");
        await SendAsync(HttpMethod.Get, $"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=%2Fcheckout");
        return set;
    }
}
