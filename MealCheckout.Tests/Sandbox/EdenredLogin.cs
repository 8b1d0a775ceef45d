using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Sandbox;

namespace MealCheckout.Tests.Sandbox;

/// <summary>Walks the Edenred login the way a browser and the app's OAuth handler would, with a plain HttpClient.</summary>
public static class EdenredLogin
{
    public const string RedirectPath = "/signin-edenred";

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce New()
        {
            var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        }
    }

    public static string RedirectUri(SandboxHost host) => new Uri(host.BaseAddress, RedirectPath).ToString();

    public static string AuthorizeQuery(SandboxHost host, Pkce pkce, string state = "state-123", string nonce = "nonce-456") =>
        AuthorizeQuery(RedirectUri(host), pkce, state, nonce);

    private static string AuthorizeQuery(string redirectUri, Pkce pkce, string state = "state-123", string nonce = "nonce-456") =>
        $"client_id={new EdenredSandboxOptions().ClientId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&response_type=code" +
        $"&scope={Uri.EscapeDataString("openid offline_access edg-xp-mealdelivery-api")}&state={state}&nonce={nonce}" +
        $"&code_challenge={pkce.Challenge}&code_challenge_method=S256";

    /// <summary>Posts the login form; returns the redirect the SSO answered with.</summary>
    public static async Task<HttpResponseMessage> SubmitLoginAsync(HttpClient client, SandboxHost host, Pkce pkce, string email, string password)
    {
        var fields = HttpUtility.ParseQueryString(AuthorizeQuery(host, pkce));
        var form = fields.AllKeys.ToDictionary(k => k!, k => fields[k]!);
        form["email"] = email;
        form["password"] = password;
        return await client.PostAsync("sandbox/edenred-sso/connect/authorize", new FormUrlEncodedContent(form));
    }

    public static async Task<string> CodeForAsync(SandboxHost host, string email, Pkce pkce)
    {
        using var client = host.Client();
        var response = await SubmitLoginAsync(client, host, pkce, email, "Edenred2021*");
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login of {email} answered {response.StatusCode}");
        }
        return HttpUtility.ParseQueryString(response.Headers.Location!.Query)["code"]!;
    }

    public static Task<HttpResponseMessage> ExchangeAsync(HttpClient client, SandboxHost host, string code, string verifier) =>
        ExchangeAsync(client, RedirectUri(host), code, verifier);

    private static Task<HttpResponseMessage> ExchangeAsync(HttpClient client, string redirectUri, string code, string verifier) =>
        client.PostAsync("sandbox/edenred-sso/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = new EdenredSandboxOptions().ClientId,
            ["client_secret"] = new EdenredSandboxOptions().ClientSecret,
        }));

    /// <summary>A fresh access token for a test user.</summary>
    public static async Task<string> AccessTokenAsync(SandboxHost host, string email = "lerouxpablo@yopmail.com")
    {
        using var json = await TokensAsync(host.BaseAddress, email);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Logs <paramref name="email"/> in at the SSO under <paramref name="ssoBase"/> and keeps the tokens the way the app's callback does, for a new checkout in a new browser.</summary>
    public static async Task<EdenredLoginReference> SignInForCheckoutAsync(Uri ssoBase, EdenredSignIns signIns, string email)
    {
        using var tokens = await TokensAsync(ssoBase, email);
        var root = tokens.RootElement;
        var checkoutId = Guid.NewGuid();
        var browserBindingHash = Base64Url(SHA256.HashData(RandomNumberGenerator.GetBytes(32)));
        var signInId = await signIns.SaveAsync(checkoutId, browserBindingHash, email, new EdenredTokens(
            root.GetProperty("access_token").GetString()!, root.GetProperty("refresh_token").GetString()!, root.GetProperty("id_token").GetString()!,
            DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);
        return new EdenredLoginReference(signInId, checkoutId);
    }

    /// <summary>The token endpoint's whole answer (access, refresh and id tokens) for a test user, from the sandbox at <paramref name="baseAddress"/>.</summary>
    public static async Task<JsonDocument> TokensAsync(Uri baseAddress, string email, string nonce = "nonce-456")
    {
        var pkce = Pkce.New();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        var redirectUri = new Uri(baseAddress, RedirectPath).ToString();
        var fields = HttpUtility.ParseQueryString(AuthorizeQuery(redirectUri, pkce, nonce: nonce));
        var form = fields.AllKeys.ToDictionary(k => k!, k => fields[k]!);
        form["email"] = email;
        form["password"] = "Edenred2021*";
        var login = await client.PostAsync("sandbox/edenred-sso/connect/authorize", new FormUrlEncodedContent(form));
        var code = HttpUtility.ParseQueryString(login.Headers.Location!.Query)["code"]!;
        var response = await ExchangeAsync(client, redirectUri, code, pkce.Verifier);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
