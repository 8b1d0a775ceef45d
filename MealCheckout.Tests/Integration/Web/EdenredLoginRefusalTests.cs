using System.Web;
using MealCheckout.Core.Persistence;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Edenred;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>
/// What the Edenred login refuses, each through the real round trip over loopback (the app's
/// OpenID Connect handler, the sandbox SSO): a state this browser did not start, an id_token for
/// another login, another client, out of date or signed by a key Edenred does not publish, a
/// replayed callback, an error sent back by the SSO. Each
/// brings the diner back to the checkout, which says in a sentence that the login failed, and
/// stores nothing.
/// </summary>
public sealed class EdenredLoginRefusalTests : IDisposable
{
    private const string Failed = "/checkout?edenredLogin=failed";

    /// <summary>
    /// Weeks ahead of the machine's clock: an id_token the SSO issues on this clock is alive only
    /// when read on it, and one it issues already expired would still look alive on the machine's.
    /// </summary>
    private readonly FixedTimeProvider clock = new(DateTimeOffset.UtcNow.AddDays(40));

    private readonly MealCheckoutAppFactory app;

    public EdenredLoginRefusalTests() => app = new MealCheckoutAppFactory(clock: clock);

    [Fact]
    public async Task The_id_tokens_lifetime_is_read_on_the_apps_clock()
    {
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");

        var back = await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));

        Assert.Equal("/checkout", back);
        Assert.Equal(1, await StoredLoginsAsync());
    }

    [Fact]
    public async Task A_callback_whose_state_was_forged_is_refused_and_nothing_is_stored()
    {
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        var callback = await diner.LogInAtSsoAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));
        var fields = HttpUtility.ParseQueryString(callback.Query);
        var state = fields["state"]!;
        fields["state"] = state[..^8] + (state[^8] == 'A' ? 'B' : 'A') + state[^7..]; // one character of the protected state changed

        var back = await diner.FollowCallbackAsync(new UriBuilder(callback) { Query = fields.ToString() }.Uri);

        Assert.Equal(Failed, back);
        Assert.Equal(0, await StoredLoginsAsync());
    }

    /// <summary>Login CSRF: an attacker hands the diner the callback of the attacker's own login, genuine state included.</summary>
    [Fact]
    public async Task A_callback_carrying_the_state_of_another_browsers_login_is_refused_and_nothing_is_stored()
    {
        using var attacker = new EdenredLoginBrowser(app);
        var attackersAuthorize = await attacker.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        var attackersCallback = await attacker.LogInAtSsoAsync(attackersAuthorize, HttpUtility.ParseQueryString(attackersAuthorize.Query));
        using var diner = new EdenredLoginBrowser(app);
        await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout"); // the diner's own login is under way

        var back = await diner.FollowCallbackAsync(attackersCallback);

        Assert.Equal(Failed, back);
        Assert.Equal(0, await StoredLoginsAsync());
    }

    [Fact]
    public async Task An_id_token_carrying_another_nonce_is_refused_and_nothing_is_stored()
    {
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        var query = HttpUtility.ParseQueryString(authorize.Query);
        query["nonce"] = "a-nonce-this-login-never-sent";

        var back = await diner.FinishLoginAsync(authorize, query);

        Assert.Equal(Failed, back);
        Assert.Equal(0, await StoredLoginsAsync());
    }

    [Theory]
    [InlineData(IdTokenFault.AnotherAudience)]
    [InlineData(IdTokenFault.Expired)]
    [InlineData(IdTokenFault.UnknownSigningKey)]
    public async Task An_id_token_the_app_cannot_trust_is_refused_and_nothing_is_stored(IdTokenFault fault)
    {
        app.Services.GetRequiredService<IdTokenFaults>().Arm(fault);
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");

        var back = await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));

        Assert.Equal(Failed, back);
        Assert.Equal(0, await StoredLoginsAsync());
    }

    [Fact]
    public async Task A_callback_replayed_after_its_login_is_refused_and_stores_nothing_more()
    {
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        var callback = await diner.LogInAtSsoAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));
        Assert.Equal("/checkout", await diner.FollowCallbackAsync(callback));

        var replay = await diner.FollowCallbackAsync(callback);

        Assert.Equal(Failed, replay);
        Assert.Equal(1, await StoredLoginsAsync());
    }

    [Theory]
    [InlineData("access_denied")]
    [InlineData("invalid_request")]
    public async Task An_error_the_sso_sends_back_is_told_to_the_diner_and_stores_nothing(string error)
    {
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        var state = HttpUtility.ParseQueryString(authorize.Query)["state"]!;

        var back = await diner.FollowCallbackAsync(new Uri(app.RootUri, $"/signin-edenred?error={error}&state={Uri.EscapeDataString(state)}"));

        Assert.Equal(Failed, back);
        Assert.Equal(0, await StoredLoginsAsync());
    }

    [Fact]
    public async Task A_login_that_comes_back_to_a_browser_without_the_binding_is_refused_and_nothing_is_stored()
    {
        using var diner = new EdenredLoginBrowser(app);
        var authorize = await diner.StartLoginAsync($"/edenred/login?checkout={Guid.NewGuid()}&returnUrl=/checkout");
        diner.Cookies.GetAllCookies().Single(c => c.Name == EdenredBrowserBinding.CookieName).Expired = true;

        var back = await diner.FinishLoginAsync(authorize, HttpUtility.ParseQueryString(authorize.Query));

        Assert.Equal(Failed, back);
        Assert.Equal(0, await StoredLoginsAsync());
    }

    private async Task<int> StoredLoginsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        return await db.EdenredSignIns.CountAsync();
    }

    public void Dispose() => app.Dispose();
}
