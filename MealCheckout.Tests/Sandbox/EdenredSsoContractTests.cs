using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Web;
using MealCheckout.Sandbox;
using MealCheckout.Sandbox.Edenred;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MealCheckout.Tests.Sandbox;

[Collection(SandboxCollection.Name)]
public sealed class EdenredSsoContractTests(SandboxHost host)
{
    private static readonly EdenredSandboxOptions Defaults = new();

    [Fact]
    public async Task Authorization_code_flow_with_PKCE_refresh_rotation_burned_code_and_logout()
    {
        using var client = host.Client();

        using var discovery = JsonDocument.Parse(await client.GetStringAsync("sandbox/edenred-sso/.well-known/openid-configuration"));
        var issuer = discovery.RootElement.GetProperty("issuer").GetString()!;
        Assert.Equal(new Uri(host.BaseAddress, "sandbox/edenred-sso").ToString(), issuer);
        Assert.Contains("S256", discovery.RootElement.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));

        var pkce = EdenredLogin.Pkce.New();
        var page = await client.GetAsync("sandbox/edenred-sso/connect/authorize?" + EdenredLogin.AuthorizeQuery(host, pkce));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<label for=\"email\">", await page.Content.ReadAsStringAsync());

        var wrongPassword = await EdenredLogin.SubmitLoginAsync(client, host, pkce, "lerouxpablo@yopmail.com", "nope");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);

        var login = await EdenredLogin.SubmitLoginAsync(client, host, pkce, "lerouxpablo@yopmail.com", "Edenred2021*");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var callback = login.Headers.Location!;
        Assert.Equal(EdenredLogin.RedirectPath, callback.AbsolutePath);
        var query = HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("state-123", query["state"]);
        var code = query["code"]!;

        var wrongVerifier = await EdenredLogin.ExchangeAsync(client, host, code, EdenredLogin.Pkce.New().Verifier);
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        // The failed attempt burned the code: even the right verifier cannot use it now.
        var burned = await EdenredLogin.ExchangeAsync(client, host, code, pkce.Verifier);
        Assert.Equal("invalid_grant", await ErrorOf(burned));

        var freshPkce = EdenredLogin.Pkce.New();
        var tokens = await ReadJson(await EdenredLogin.ExchangeAsync(client, host, await EdenredLogin.CodeForAsync(host, "lerouxpablo@yopmail.com", freshPkce), freshPkce.Verifier));
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        var idToken = tokens.GetProperty("id_token").GetString()!;
        var jwks = new JsonWebKeySet(await client.GetStringAsync("sandbox/edenred-sso/.well-known/jwks"));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = Defaults.ClientId,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("nonce-456", validation.Claims["nonce"]);
        Assert.Equal("RS256", ((JsonWebToken)validation.SecurityToken).Alg);

        var userInfo = new HttpRequestMessage(HttpMethod.Get, "sandbox/edenred-sso/connect/userinfo");
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var me = JsonDocument.Parse(await (await client.SendAsync(userInfo)).Content.ReadAsStringAsync());
        Assert.Equal("lerouxpablo@yopmail.com", me.RootElement.GetProperty("username").GetString());

        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        var refreshed = await ReadJson(await RefreshAsync(client, refreshToken));
        Assert.NotEqual(refreshToken, refreshed.GetProperty("refresh_token").GetString());
        Assert.Equal("invalid_grant", await ErrorOf(await RefreshAsync(client, refreshToken)));

        var logout = await client.GetAsync($"sandbox/edenred-sso/connect/endsession?id_token_hint={refreshed.GetProperty("id_token").GetString()}" +
            $"&post_logout_redirect_uri={Uri.EscapeDataString(new Uri(host.BaseAddress, "checkout").ToString())}");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal("invalid_grant", await ErrorOf(await RefreshAsync(client, refreshed.GetProperty("refresh_token").GetString()!)));
    }

    [Fact]
    public async Task The_code_comes_back_in_the_query_and_no_other_way()
    {
        using var client = host.Client();
        using var discovery = JsonDocument.Parse(await client.GetStringAsync("sandbox/edenred-sso/.well-known/openid-configuration"));
        Assert.Equal(["query"], discovery.RootElement.GetProperty("response_modes_supported").EnumerateArray().Select(e => e.GetString()));

        var formPost = await client.GetAsync("sandbox/edenred-sso/connect/authorize?" + EdenredLogin.AuthorizeQuery(host, EdenredLogin.Pkce.New()) + "&response_mode=form_post");

        Assert.Equal(HttpStatusCode.Redirect, formPost.StatusCode);
        Assert.Equal("invalid_request", HttpUtility.ParseQueryString(formPost.Headers.Location!.Query)["error"]);
    }

    [Theory]
    [InlineData(IdTokenFault.AnotherAudience)]
    [InlineData(IdTokenFault.Expired)]
    [InlineData(IdTokenFault.UnknownSigningKey)]
    public async Task An_armed_id_token_fault_spoils_the_next_id_token_in_that_one_way(IdTokenFault fault)
    {
        host.Get<IdTokenFaults>().Arm(fault);

        using var spoiled = await EdenredLogin.TokensAsync(host.BaseAddress, "lerouxpablo@yopmail.com");
        using var sound = await EdenredLogin.TokensAsync(host.BaseAddress, "lerouxpablo@yopmail.com");

        using var client = host.Client();
        var jwks = new JsonWebKeySet(await client.GetStringAsync("sandbox/edenred-sso/.well-known/jwks"));
        var token = new JsonWebToken(spoiled.RootElement.GetProperty("id_token").GetString());
        Assert.Equal(fault == IdTokenFault.AnotherAudience, token.Audiences.Single() != Defaults.ClientId);
        Assert.Equal(fault == IdTokenFault.Expired, token.ValidTo <= host.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(fault == IdTokenFault.UnknownSigningKey, jwks.Keys.All(k => k.Kid != token.Kid));
        var next = new JsonWebToken(sound.RootElement.GetProperty("id_token").GetString());
        Assert.Equal((Defaults.ClientId, true), (next.Audiences.Single(), jwks.Keys.Any(k => k.Kid == next.Kid)));
        Assert.True(next.ValidTo > host.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task An_authorization_code_expires()
    {
        using var client = host.Client();
        var pkce = EdenredLogin.Pkce.New();
        var code = await EdenredLogin.CodeForAsync(host, "lerouxpablo@yopmail.com", pkce);

        host.Clock.Advance(TimeSpan.FromSeconds(Defaults.CodeLifetimeSeconds + 1));
        try
        {
            Assert.Equal("invalid_grant", await ErrorOf(await EdenredLogin.ExchangeAsync(client, host, code, pkce.Verifier)));
        }
        finally
        {
            host.Clock.Set(SandboxHost.Tuesday);
        }
    }

    [Fact]
    public async Task Unregistered_redirect_uri_is_refused_without_redirecting()
    {
        using var client = host.Client();
        var query = EdenredLogin.AuthorizeQuery(host, EdenredLogin.Pkce.New()).Replace(Uri.EscapeDataString(EdenredLogin.RedirectUri(host)), Uri.EscapeDataString("https://evil.example/cb"), StringComparison.Ordinal);

        var response = await client.GetAsync("sandbox/edenred-sso/connect/authorize?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Logout_to_an_unlisted_address_is_refused()
    {
        using var client = host.Client();

        var response = await client.GetAsync("sandbox/edenred-sso/connect/endsession?id_token_hint=x&post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_client_secret_is_refused_at_the_token_endpoint()
    {
        using var client = host.Client();
        var response = await client.PostAsync("sandbox/edenred-sso/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = "x", ["client_id"] = Defaults.ClientId, ["client_secret"] = "wrong",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/edenred-sso/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }),
        };
        // client_secret_basic this time: both client authentication methods are accepted.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Defaults.ClientId}:{Defaults.ClientSecret}")));
        return client.SendAsync(request);
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString();
    }
}
