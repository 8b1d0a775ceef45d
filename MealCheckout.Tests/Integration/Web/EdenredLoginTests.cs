using System.Net;
using System.Web;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Unit.Security;
using MealCheckout.Web.Edenred;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>
/// "Pay with Edenred" through the app's own endpoints and the sandbox SSO over loopback, as a
/// browser would follow it: PKCE, state and nonce, tokens kept server-side and bound to the browser
/// that logged in, logout. What the login refuses is in <see cref="EdenredLoginRefusalTests"/>.
/// </summary>
public sealed class EdenredLoginTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task Login_returns_to_the_checkout_with_nothing_in_the_address_and_keeps_the_tokens_encrypted_on_the_server()
    {
        using var diner = new EdenredLoginBrowser(app);
        var checkoutId = Guid.NewGuid();

        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={checkoutId}&returnUrl=/checkout");
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(("S256", "code"), (query["code_challenge_method"], query["response_type"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Equal(["openid", "offline_access", "edg-xp-mealdelivery-api"], query["scope"]!.Split(' '));

        var back = await diner.FinishLoginAsync(authorize, query);

        Assert.Equal("/checkout", back);
        var session = await Get<EdenredSignIns>().FindForBrowserAsync(diner.BindingHash!, checkoutId, CancellationToken.None);
        Assert.Equal(EdenredLoginBrowser.Pablo, session!.Username);
        Assert.DoesNotContain(diner.Cookies.GetAllCookies(), c => c.Value.Contains(session.Tokens.AccessToken, StringComparison.Ordinal));
        await using var db = await Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var stored = await db.EdenredSignIns.SingleAsync();
        Assert.DoesNotContain(session.Tokens.AccessToken, stored.ProtectedTokens, StringComparison.Ordinal);
        Assert.DoesNotContain(session.Tokens.RefreshToken, stored.ProtectedTokens, StringComparison.Ordinal);
        Assert.DoesNotContain(diner.Cookies.GetAllCookies(), c => c.Value == stored.BrowserBindingHash); // the server keeps only the hash
        Assert.Null(await Get<EdenredSignIns>().FindForBrowserAsync(diner.BindingHash!, Guid.NewGuid(), CancellationToken.None)); // bound to its checkout
        // The page hands the binding to its circuit encrypted: neither the secret nor its hash is readable in it.
        var page = await diner.Client.GetStringAsync("/checkout");
        Assert.Contains("\"type\":\"server\"", page, StringComparison.Ordinal); // the circuit's encrypted start-up descriptor
        var secret = diner.Cookies.GetAllCookies().Single(c => c.Name == EdenredBrowserBinding.CookieName).Value;
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.BrowserBindingHash, page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_binding_cookie_is_http_only_same_site_lax_and_kept_for_a_second_login()
    {
        using var diner = new EdenredLoginBrowser(app);

        using var first = await diner.Client.GetAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        using var second = await diner.Client.GetAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");

        var binding = Assert.Single(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(EdenredBrowserBinding.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", binding, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", binding, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(second.Headers.GetValues("Set-Cookie"), c => c.StartsWith(EdenredBrowserBinding.CookieName + "=", StringComparison.Ordinal));
    }

    /// <summary>
    /// The attack of a crafted link: the attacker sends a diner a login link carrying the attacker's
    /// own checkout id and a return address that leaves the site; the diner logs in.
    /// </summary>
    [Fact]
    public async Task A_login_made_from_an_attackers_link_stays_with_the_diners_browser()
    {
        using var attacker = new EdenredLoginBrowser(app);
        var attackersCheckout = Guid.NewGuid();
        await attacker.StartLoginAsync($"/edenred/login?checkout={attackersCheckout}&returnUrl=/checkout"); // the attacker holds a binding of its own
        var craftedLink = $"/edenred/login?checkout={attackersCheckout}&returnUrl=%2F%09%2Fevil.example";

        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync(craftedLink);
        var back = await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));

        // The diner lands on this site's checkout, and the address carries nothing about the login.
        Assert.Equal("/checkout", back);
        await using var db = await Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var signIn = await db.EdenredSignIns.SingleAsync();
        Assert.Equal(attackersCheckout, signIn.CheckoutId);

        // The attacker knows every id, but its browser holds another binding: no login for its checkout.
        var signIns = Get<EdenredSignIns>();
        Assert.Null(await signIns.FindForBrowserAsync(attacker.BindingHash!, attackersCheckout, CancellationToken.None));
        Assert.Null(await signIns.FindForBrowserAsync("", attackersCheckout, CancellationToken.None));
        Assert.NotNull(await signIns.FindForBrowserAsync(diner.BindingHash!, attackersCheckout, CancellationToken.None));

        // Nor can it end the diner's login, with a link or with its own antiforgery token.
        using var oldLogoutLink = await attacker.Client.GetAsync($"/edenred/logout?signIn={signIn.Id}&checkout={attackersCheckout}&returnUrl=/checkout");
        Assert.InRange((int)oldLogoutLink.StatusCode, 400, 499); // logout is a form post only
        using var logout = await attacker.LogOutAsync(attackersCheckout);
        Assert.Equal("/checkout", logout.Headers.Location!.OriginalString);
        Assert.Equal(1, await db.EdenredSignIns.CountAsync());
    }

    [Fact]
    public async Task Every_hostile_return_address_brings_the_diner_back_to_this_sites_checkout()
    {
        using var diner = new EdenredLoginBrowser(app);
        var hostile = ReturnUrlsTests.HostileAddresses.Cast<object?[]>().Select(row => row[0]).OfType<string>().Where(a => a.Length > 0).ToList();

        foreach (var address in hostile)
        {
            var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl={Uri.EscapeDataString(address)}");
            Assert.Equal("/checkout", await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query)));
            using var logout = await diner.LogOutAsync(Guid.NewGuid(), address);
            // Back to the checkout, or a plain 400 for a body no form reader accepts (a NUL character).
            Assert.True(logout.Headers.Location?.OriginalString == "/checkout" || logout.StatusCode == HttpStatusCode.BadRequest,
                $"logout with {Uri.EscapeDataString(address)} answered {(int)logout.StatusCode} {logout.Headers.Location}");
        }
    }

    [Fact]
    public async Task Logout_goes_through_endsession_and_comes_back_to_the_checkout()
    {
        using var diner = new EdenredLoginBrowser(app);
        var checkoutId = Guid.NewGuid();
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={checkoutId}&returnUrl=/checkout");
        await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));
        var accessToken = (await Get<EdenredSignIns>().FindForBrowserAsync(diner.BindingHash!, checkoutId, CancellationToken.None))!.Tokens.AccessToken;

        using var logout = await diner.LogOutAsync(checkoutId);

        var endSession = logout.Headers.Location!;
        Assert.EndsWith("/connect/endsession", endSession.AbsolutePath, StringComparison.Ordinal);
        var home = await diner.Client.GetAsync(endSession);
        Assert.Equal("/checkout", home.Headers.Location!.AbsolutePath);
        Assert.Null(await Get<EdenredSignIns>().FindForBrowserAsync(diner.BindingHash!, checkoutId, CancellationToken.None));
        // Edenred revoked the tokens too: the old access token no longer reads the balance.
        var balance = new HttpRequestMessage(HttpMethod.Get, $"/sandbox/edenred-api/v2/users/{EdenredLoginBrowser.Pablo}");
        balance.Headers.Add("Authorization", "Bearer " + accessToken);
        balance.Headers.Add("X-Client-Id", "mealcheckout-payment");
        balance.Headers.Add("X-Client-Secret", "dev-only-edenred-payment-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await diner.Client.SendAsync(balance)).StatusCode);
    }

    [Fact]
    public async Task Logout_without_an_antiforgery_token_is_refused()
    {
        using var diner = new EdenredLoginBrowser(app);
        var checkoutId = Guid.NewGuid();
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={checkoutId}&returnUrl=/checkout");
        await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));

        using var forged = await diner.Client.PostAsync("/edenred/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["checkout"] = checkoutId.ToString(),
            ["returnUrl"] = "/checkout",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.NotNull(await Get<EdenredSignIns>().FindForBrowserAsync(diner.BindingHash!, checkoutId, CancellationToken.None));
    }

    public void Dispose() => app.Dispose();
}
