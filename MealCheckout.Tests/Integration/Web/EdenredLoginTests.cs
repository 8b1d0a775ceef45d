using System.Net;
using System.Security.Cryptography;
using System.Web;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>
/// "Pay with Edenred" through the app's own endpoints and the sandbox SSO over loopback, as a
/// browser would follow it: PKCE, state and nonce, id_token checks, tokens kept server-side, logout.
/// </summary>
public sealed class EdenredLoginTests : IDisposable
{
    private const string Pablo = "lerouxpablo@yopmail.com";

    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);
    private readonly CookieContainer cookies = new();

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task Login_returns_to_the_checkout_with_an_opaque_id_and_keeps_the_tokens_encrypted_on_the_server()
    {
        var checkoutId = Guid.NewGuid();

        var authorize = await StartLoginAsync(checkoutId);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(("S256", "code"), (query["code_challenge_method"], query["response_type"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Equal(["openid", "offline_access", "edg-xp-mealdelivery-api"], query["scope"]!.Split(' '));

        var back = await FinishLoginAsync(authorize, query);

        Assert.Equal("/checkout", back.AbsolutePath);
        var signInId = Guid.Parse(HttpUtility.ParseQueryString(back.Query)["edenredLogin"]!);
        var session = await Get<EdenredSignIns>().FindAsync(signInId, checkoutId, CancellationToken.None);
        Assert.Equal(Pablo, session!.Username);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Value.Contains(session.Tokens.AccessToken, StringComparison.Ordinal));
        await using var db = await Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var stored = await db.EdenredSignIns.SingleAsync(s => s.Id == signInId);
        Assert.DoesNotContain(session.Tokens.AccessToken, stored.ProtectedTokens, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Tokens.RefreshToken, stored.ProtectedTokens, StringComparison.Ordinal);
        Assert.Null(await Get<EdenredSignIns>().FindAsync(signInId, Guid.NewGuid(), CancellationToken.None)); // bound to its checkout
    }

    [Fact]
    public async Task An_id_token_carrying_another_nonce_is_refused_and_nothing_is_stored()
    {
        var authorize = await StartLoginAsync(Guid.NewGuid());
        var query = HttpUtility.ParseQueryString(authorize.Query);
        query["nonce"] = "a-nonce-this-login-never-sent";

        var back = await FinishLoginAsync(authorize, query);

        Assert.Equal("failed", HttpUtility.ParseQueryString(back.Query)["edenredLogin"]);
        await using var db = await Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.EdenredSignIns.CountAsync());
    }

    [Fact]
    public async Task An_id_token_signed_by_another_key_is_refused()
    {
        var sso = Get<EdenredSso>();
        var discovery = await sso.ConfigurationAsync(CancellationToken.None);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = discovery.Issuer,
            Audience = "mealcheckout-web",
            Claims = new Dictionary<string, object> { ["sub"] = Pablo, ["username"] = Pablo, ["nonce"] = "n-1" },
            IssuedAt = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddYears(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "attacker" }, SecurityAlgorithms.RsaSha256),
        });

        await Assert.ThrowsAsync<SecurityTokenException>(() => sso.ValidateIdTokenAsync(forged, "n-1", CancellationToken.None));
    }

    [Fact]
    public async Task Logout_goes_through_endsession_and_comes_back_to_the_checkout()
    {
        var checkoutId = Guid.NewGuid();
        var authorize = await StartLoginAsync(checkoutId);
        var back = await FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));
        var signInId = Guid.Parse(HttpUtility.ParseQueryString(back.Query)["edenredLogin"]!);
        var accessToken = (await Get<EdenredSignIns>().FindAsync(signInId, checkoutId, CancellationToken.None))!.Tokens.AccessToken;
        using var client = Client();

        var logout = await client.GetAsync($"/edenred/logout?signIn={signInId}&checkout={checkoutId}&returnUrl=/checkout");

        var endSession = logout.Headers.Location!;
        Assert.EndsWith("/connect/endsession", endSession.AbsolutePath, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(HttpUtility.ParseQueryString(endSession.Query)["id_token_hint"]));
        var home = await client.GetAsync(endSession);
        Assert.Equal("/checkout", home.Headers.Location!.AbsolutePath);
        Assert.Null(await Get<EdenredSignIns>().FindAsync(signInId, checkoutId, CancellationToken.None));
        // Edenred revoked the tokens too: the old access token no longer reads the balance.
        var balance = new HttpRequestMessage(HttpMethod.Get, $"/sandbox/edenred-api/v2/users/{Pablo}");
        balance.Headers.Add("Authorization", "Bearer " + accessToken);
        balance.Headers.Add("X-Client-Id", "mealcheckout-payment");
        balance.Headers.Add("X-Client-Secret", "dev-only-edenred-payment-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(balance)).StatusCode);
    }

    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = app.RootUri };

    /// <summary>Presses "Pay with Edenred": the app answers with the SSO's authorization URL.</summary>
    private async Task<Uri> StartLoginAsync(Guid checkoutId)
    {
        using var client = Client();
        var challenge = await client.GetAsync($"/edenred/login?checkout={checkoutId}&returnUrl=/checkout");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        return challenge.Headers.Location!;
    }

    /// <summary>Logs in at the SSO with the authorization request's fields, then follows the redirect back into the app.</summary>
    private async Task<Uri> FinishLoginAsync(Uri authorize, System.Collections.Specialized.NameValueCollection query)
    {
        using var client = Client();
        var form = query.AllKeys.ToDictionary(k => k!, k => query[k]!);
        form["email"] = Pablo;
        form["password"] = "Edenred2021*";
        var login = await client.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var callback = await client.GetAsync(login.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return new Uri(app.RootUri, callback.Headers.Location!);
    }

    public void Dispose() => app.Dispose();
}
