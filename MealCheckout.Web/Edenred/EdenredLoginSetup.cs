using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// "Pay with Edenred": the framework's OpenID Connect handler (authorization code, PKCE, state,
/// nonce, id_token checked against the SSO's discovery document and keys; docs/decisions/0011).
/// The tokens never reach the browser: they are stored server-side, bound to the browser that
/// started the login (<see cref="EdenredBrowserBinding"/>) and to the tab's checkout, and the diner
/// comes back to the checkout with nothing about them in the address.
/// </summary>
public static class EdenredLoginSetup
{
    public const string Scheme = "Edenred";

    /// <summary>Carries the handshake only; nothing is ever signed in with it.</summary>
    public const string HandshakeScheme = "EdenredHandshake";

    public const string CallbackPath = "/signin-edenred";
    public const string LogoutPath = "/edenred/logout";

    public static IServiceCollection AddEdenredLogin(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(HandshakeScheme, options =>
            {
                options.Cookie.Name = "edenred-handshake";
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            })
            .AddOpenIdConnect(Scheme, _ => { }); // configured by EdenredHandlerOptions, once the app's address is known
        services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, EdenredHandlerOptions>();
        return services;
    }

    public static IEndpointRouteBuilder MapEdenredLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/edenred/login", (HttpContext http, Guid checkout, string? returnUrl) =>
            Results.Challenge(EdenredLoginEvents.StartProperties(checkout, EdenredBrowserBinding.Ensure(http), LocalPath(returnUrl)), [Scheme]));
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

    internal static string LocalPath(string? returnUrl) => ReturnUrls.LocalOr(returnUrl, "/checkout");
}
