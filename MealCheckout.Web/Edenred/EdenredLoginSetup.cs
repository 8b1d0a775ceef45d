using System.Security.Claims;
using System.Security.Cryptography;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// "Pay with Edenred": the framework's OAuth handler (authorization code, PKCE, state) plus what
/// OpenID Connect adds, done by hand because the OpenIdConnect handler package is not available
/// here (docs/decisions/0006): a nonce in the authorization URL, and the id_token checked against
/// the discovery document and JWKS. The tokens never reach the browser: they are stored server-side,
/// bound to the browser that started the login (<see cref="EdenredBrowserBinding"/>) and to the
/// tab's checkout, and the diner comes back to the checkout with nothing about them in the address.
/// </summary>
public static class EdenredLoginSetup
{
    public const string Scheme = "Edenred";

    /// <summary>Carries the OAuth handshake only; nothing is ever signed in with it.</summary>
    public const string HandshakeScheme = "EdenredHandshake";

    public const string CallbackPath = "/signin-edenred";
    public const string LogoutPath = "/edenred/logout";
    private const string BrowserItem = "browser";
    private const string CheckoutItem = "checkout";
    private const string NonceItem = "nonce";
    private const string ReturnItem = "return";

    public static IServiceCollection AddEdenredLogin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication()
            .AddCookie(HandshakeScheme, options =>
            {
                options.Cookie.Name = "edenred-handshake";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            })
            .AddOAuth(Scheme, options =>
            {
                var edenred = configuration.GetSection(EdenredOptions.SectionName).Get<EdenredOptions>() ?? new EdenredOptions();
                options.SignInScheme = HandshakeScheme;
                options.ClientId = edenred.ClientId;
                options.ClientSecret = edenred.ClientSecret;
                options.CallbackPath = CallbackPath;
                options.UsePkce = true;
                options.SaveTokens = false;
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "offline_access", edenred.PaymentScope })
                {
                    options.Scope.Add(scope);
                }
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax; // the SSO sends the diner back with a top-level GET
                options.Events = new OAuthEvents
                {
                    OnRedirectToAuthorizationEndpoint = AddNonceAsync,
                    OnCreatingTicket = StoreTokensAsync,
                    OnTicketReceived = ReturnToCheckoutAsync,
                    OnRemoteFailure = LoginFailedAsync,
                };
            });
        services.AddSingleton<IConfigureOptions<OAuthOptions>, EndpointsFromAuthority>();
        return services;
    }

    public static IEndpointRouteBuilder MapEdenredLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/edenred/login", (HttpContext http, Guid checkout, string? returnUrl) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = "/" };
            properties.Items[CheckoutItem] = checkout.ToString();
            properties.Items[BrowserItem] = EdenredBrowserBinding.Ensure(http);
            properties.Items[ReturnItem] = LocalPath(returnUrl);
            properties.Items[NonceItem] = Base64Url(RandomNumberGenerator.GetBytes(32));
            return Results.Challenge(properties, [Scheme]);
        });
        // A POST with an antiforgery token: a link or a form on another site cannot log the diner out.
        endpoints.MapPost(LogoutPath, async (HttpContext http, EdenredSignIns signIns, EdenredSso sso) =>
            {
                if (!await FormPosts.IsGenuineAsync(http))
                {
                    return Results.BadRequest();
                }
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                var back = LocalPath(form["returnUrl"]);
                var browser = EdenredBrowserBinding.HashFrom(http.Request);
                var session = browser is not null && Guid.TryParse(form["checkout"], out var checkout)
                    ? await signIns.FindForBrowserAsync(browser, checkout, http.RequestAborted)
                    : null;
                if (session is null)
                {
                    return Results.LocalRedirect(back);
                }
                await signIns.ForgetAsync(session.Id, http.RequestAborted);
                var postLogout = $"{http.Request.Scheme}://{http.Request.Host}{back.Split('?')[0]}";
                return Results.Redirect(await sso.EndSessionUrlAsync(session.Tokens.IdToken, postLogout, http.RequestAborted));
            })
            .DisableAntiforgery();
        return endpoints;
    }

    private static Task AddNonceAsync(RedirectContext<OAuthOptions> context)
    {
        // The nonce travels inside the protected state; the id_token must echo it.
        var nonce = context.Properties.Items[NonceItem]!;
        context.Response.Redirect(context.RedirectUri + "&nonce=" + Uri.EscapeDataString(nonce));
        return Task.CompletedTask;
    }

    private static async Task StoreTokensAsync(OAuthCreatingTicketContext context)
    {
        var services = context.HttpContext.RequestServices;
        var idToken = context.TokenResponse.Response?.RootElement.TryGetProperty("id_token", out var id) == true ? id.GetString() : null;
        if (string.IsNullOrEmpty(idToken) || string.IsNullOrEmpty(context.RefreshToken) || string.IsNullOrEmpty(context.AccessToken))
        {
            throw new AuthenticationFailureException("Edenred did not return the tokens the checkout needs.");
        }
        var identity = await services.GetRequiredService<EdenredSso>().ValidateIdTokenAsync(idToken, context.Properties.Items[NonceItem]!, context.HttpContext.RequestAborted);
        var username = identity.FindFirst("username")?.Value ?? identity.FindFirst("email")?.Value ?? identity.FindFirst(ClaimTypes.Email)?.Value
            ?? throw new AuthenticationFailureException("The Edenred id_token names no user.");
        var expiresAt = services.GetRequiredService<TimeProvider>().GetUtcNow().Add(context.ExpiresIn ?? TimeSpan.FromMinutes(5));
        var checkoutId = Guid.Parse(context.Properties.Items[CheckoutItem]!);
        await services.GetRequiredService<EdenredSignIns>().SaveAsync(checkoutId, BrowserThatStarted(context), username,
            new EdenredTokens(context.AccessToken, context.RefreshToken, idToken, expiresAt), context.HttpContext.RequestAborted);
    }

    /// <summary>The login is kept only for the browser that started it, which must be the one coming back.</summary>
    private static string BrowserThatStarted(OAuthCreatingTicketContext context)
    {
        var started = context.Properties.Items[BrowserItem];
        var returning = EdenredBrowserBinding.HashFrom(context.Request);
        if (string.IsNullOrEmpty(started) || returning is null
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(started), Convert.FromHexString(returning)))
        {
            throw new AuthenticationFailureException("The Edenred login came back to another browser than the one that started it.");
        }
        return started;
    }

    /// <summary>Back to the checkout, which finds the login by this browser's binding: nothing about it travels in the address.</summary>
    private static Task ReturnToCheckoutAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        context.Response.Redirect(context.Properties!.Items[ReturnItem]!);
        return Task.CompletedTask;
    }

    private static Task LoginFailedAsync(RemoteFailureContext context)
    {
        context.HandleResponse();
        var back = context.Properties?.Items.TryGetValue(ReturnItem, out var r) == true && r is not null ? r : "/checkout";
        context.Response.Redirect(back + (back.Contains('?') ? "&" : "?") + "edenredLogin=failed");
        return Task.CompletedTask;
    }

    private static string LocalPath(string? returnUrl) => ReturnUrls.LocalOr(returnUrl, "/checkout");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The SSO's authorize and token endpoints under its authority, resolved when the handler is
    /// first built (the app is listening by then, so a sandbox path resolves to this app). Not read
    /// from the discovery document here: the options are built inside the first request, and when
    /// the sandbox is this app, fetching the document from there would wait on that same request.
    /// </summary>
    private sealed class EndpointsFromAuthority(IOptions<EdenredOptions> edenred, IProviderAddressResolver addresses) : IConfigureNamedOptions<OAuthOptions>
    {
        public void Configure(string? name, OAuthOptions options)
        {
            if (name != Scheme)
            {
                return;
            }
            var authority = addresses.Resolve(edenred.Value.Authority).ToString().TrimEnd('/') + "/";
            options.AuthorizationEndpoint = authority + "connect/authorize";
            options.TokenEndpoint = authority + "connect/token";
        }

        public void Configure(OAuthOptions options) => Configure(Options.DefaultName, options);
    }
}
