using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>
/// The Edenred SSO (OpenID Connect, authorization code with PKCE) as the app meets it: discovery,
/// JWKS, a login page, the token endpoint (codes burn on first use, refresh tokens rotate),
/// userinfo and end-session.
/// </summary>
internal static class EdenredSsoEndpoints
{
    public const string Prefix = "/sandbox/edenred-sso";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sso = endpoints.MapGroup(Prefix).DisableAntiforgery().ExcludeFromDescription();
        sso.MapGet("/.well-known/openid-configuration", Discovery);
        sso.MapGet("/.well-known/jwks", (SigningKey key) => Results.Json(key.Jwks()));
        sso.MapGet("/connect/authorize", (HttpContext http, IOptions<SandboxOptions> options) => Authorize(http, options.Value.Edenred, http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), null));
        sso.MapPost("/connect/authorize", LoginAsync);
        sso.MapPost("/connect/token", TokenAsync);
        sso.MapGet("/connect/userinfo", UserInfo);
        sso.MapGet("/connect/endsession", EndSession);
    }

    public static string Issuer(HttpRequest request) => $"{request.Scheme}://{request.Host}{Prefix}";

    private static IResult Discovery(HttpRequest request, IOptions<SandboxOptions> options)
    {
        var issuer = Issuer(request);
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["authorization_endpoint"] = issuer + "/connect/authorize",
            ["token_endpoint"] = issuer + "/connect/token",
            ["userinfo_endpoint"] = issuer + "/connect/userinfo",
            ["end_session_endpoint"] = issuer + "/connect/endsession",
            ["jwks_uri"] = issuer + "/.well-known/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["grant_types_supported"] = new[] { "authorization_code", "refresh_token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "offline_access", options.Value.Edenred.PaymentScope },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["claims_supported"] = new[] { "sub", "email", "username", "nonce" },
        });
    }

    private static IResult Authorize(HttpContext http, EdenredSandboxOptions options, Dictionary<string, string> query, string? loginError)
    {
        string Param(string name) => query.TryGetValue(name, out var v) ? v : "";
        if (Param("client_id") != options.ClientId)
        {
            return ErrorPage("Unknown client_id.");
        }
        if (!IsAllowed(http.Request, Param("redirect_uri"), options.AllowedRedirectUris))
        {
            // Never redirect to an address that is not registered: show the error instead.
            return ErrorPage("redirect_uri is not registered for this client.");
        }
        var problem = Param("response_type") != "code" ? "unsupported_response_type"
            : Param("response_mode") is not ("" or "query") ? "invalid_request" // the code comes back in the query, nowhere else
            : !Param("scope").Split(' ').Contains("openid") ? "invalid_scope"
            : Param("code_challenge").Length < 43 || Param("code_challenge_method") != "S256" ? "invalid_request"
            : null;
        if (problem is not null)
        {
            return Results.Redirect(AddQuery(Param("redirect_uri"), ("error", problem), ("state", Param("state"))));
        }
        return Results.Content(LoginPage.Render(query, loginError), "text/html; charset=utf-8", Encoding.UTF8,
            loginError is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IOptions<SandboxOptions> options, SsoState state)
    {
        var form = await http.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var edenred = options.Value.Edenred;
        var user = EdenredTestUsers.All.FirstOrDefault(u => string.Equals(u.Username, form["email"], StringComparison.OrdinalIgnoreCase));
        if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(form["password"].ToString())))
        {
            return Authorize(http, edenred, fields, "Email or password is incorrect.");
        }
        var result = Authorize(http, edenred, fields, null);
        if (result is not IContentTypeHttpResult)
        {
            return result; // the request itself was invalid
        }
        var code = state.IssueCode(new IssuedCode(user.Username, fields["client_id"], fields["redirect_uri"], fields["code_challenge"],
            fields["scope"], fields.GetValueOrDefault("nonce"), state.Now.AddSeconds(edenred.CodeLifetimeSeconds)));
        return Results.Redirect(AddQuery(fields["redirect_uri"], ("code", code), ("state", fields.GetValueOrDefault("state") ?? "")));
    }

    private static async Task<IResult> TokenAsync(HttpContext http, IOptions<SandboxOptions> options, SsoState state, SigningKey key, IdTokenFaults faults)
    {
        var edenred = options.Value.Edenred;
        if (!http.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "The token request must be form-encoded.");
        }
        var form = await http.Request.ReadFormAsync();
        var (clientId, clientSecret) = ClientCredentials(http.Request, form);
        if (clientId != edenred.ClientId || !FixedEquals(clientSecret, edenred.ClientSecret))
        {
            return OAuthError("invalid_client", "Client authentication failed.", StatusCodes.Status401Unauthorized);
        }
        IssuedToken? grant;
        string? nonce = null;
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                var code = state.Burn(form["code"].ToString());
                if (code is null || code.ExpiresAt <= state.Now || code.ClientId != clientId || code.RedirectUri != form["redirect_uri"].ToString()
                    || !PkceMatches(form["code_verifier"].ToString(), code.CodeChallenge))
                {
                    return OAuthError("invalid_grant", "The authorization code is invalid, expired, already used, or the PKCE verifier does not match.");
                }
                grant = new IssuedToken(code.Username, code.ClientId, code.Scope, code.ExpiresAt);
                nonce = code.Nonce;
                break;
            case "refresh_token":
                grant = state.UseRefresh(form["refresh_token"].ToString());
                if (grant is null || grant.ClientId != clientId)
                {
                    return OAuthError("invalid_grant", "The refresh token is invalid, expired or already used.");
                }
                break;
            default:
                return OAuthError("unsupported_grant_type", "Only authorization_code and refresh_token are supported.");
        }
        var (access, refresh) = state.IssueTokens(grant.Username, clientId, grant.Scope,
            TimeSpan.FromSeconds(edenred.AccessTokenLifetimeSeconds), TimeSpan.FromSeconds(edenred.RefreshTokenLifetimeSeconds));
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["token_type"] = "Bearer",
            ["expires_in"] = edenred.AccessTokenLifetimeSeconds,
            ["refresh_token"] = refresh,
            ["id_token"] = IdToken(http.Request, key, grant.Username, clientId, nonce, state.Now, faults.Take()),
            ["scope"] = grant.Scope,
        });
    }

    private static IResult UserInfo(HttpRequest request, SsoState state)
    {
        var token = request.Headers.Authorization.ToString();
        var issued = token.StartsWith("Bearer ", StringComparison.Ordinal) ? state.FindAccess(token["Bearer ".Length..]) : null;
        if (issued is null)
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        return Results.Json(new { sub = issued.Username, email = issued.Username, username = issued.Username });
    }

    private static async Task<IResult> EndSession(HttpRequest request, IOptions<SandboxOptions> options, SsoState state, SigningKey key)
    {
        var redirect = request.Query["post_logout_redirect_uri"].ToString();
        if (!IsAllowed(request, redirect, options.Value.Edenred.AllowedPostLogoutRedirectUris))
        {
            return ErrorPage("post_logout_redirect_uri is not whitelisted.");
        }
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(request.Query["id_token_hint"].ToString(), new TokenValidationParameters
        {
            ValidIssuer = Issuer(request),
            ValidAudience = options.Value.Edenred.ClientId,
            IssuerSigningKey = key.Key,
            ValidateLifetime = false, // an expired id_token still names who logs out
        });
        if (!validation.IsValid)
        {
            return ErrorPage("id_token_hint is not a token this server issued.");
        }
        state.RevokeAll(validation.Claims["sub"].ToString()!);
        return Results.Redirect(redirect);
    }

    private static string IdToken(HttpRequest request, SigningKey key, string username, string clientId, string? nonce, DateTimeOffset now, IdTokenFault? fault)
    {
        if (fault == IdTokenFault.Expired)
        {
            now = now.AddHours(-1); // issued an hour ago for ten minutes
        }
        var claims = new Dictionary<string, object> { ["email"] = username, ["username"] = username };
        if (!string.IsNullOrEmpty(nonce))
        {
            claims["nonce"] = nonce;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer(request),
            Audience = fault == IdTokenFault.AnotherAudience ? "another-client" : clientId,
            Subject = new ClaimsIdentity([new Claim("sub", username)]),
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(10).UtcDateTime,
            SigningCredentials = fault == IdTokenFault.UnknownSigningKey ? key.UnpublishedCredentials : key.Credentials,
        });
    }

    private static bool PkceMatches(string verifier, string challenge) =>
        verifier.Length >= 43 && FixedEquals(SsoState.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))), challenge);

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
            return (WebUtility.UrlDecode(decoded[0]), decoded.Length > 1 ? WebUtility.UrlDecode(decoded[1]) : null);
        }
        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    /// <summary>An absolute URI registered as is, or a registered path on this very host (ephemeral ports in tests).</summary>
    private static bool IsAllowed(HttpRequest request, string uri, IEnumerable<string> allowed) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && allowed.Any(a => a.StartsWith('/')
            ? parsed.Authority == request.Host.Value && parsed.AbsolutePath == a && string.IsNullOrEmpty(parsed.Query)
            : a == uri);

    private static bool FixedEquals(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string AddQuery(string uri, params (string Key, string Value)[] parameters) =>
        uri + (uri.Contains('?') ? "&" : "?") + string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    private static IResult OAuthError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    private static IResult ErrorPage(string message) =>
        Results.Content(LoginPage.Error(message), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status400BadRequest);
}
