using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// The OpenID Connect handler's settings for the Edenred SSO. They are built when the handler first
/// runs, inside the app's first request: the app is listening by then, so an authority given as a
/// path (the built-in sandbox) resolves to this app. The discovery document and keys are fetched
/// later, asynchronously, at the first challenge, so this app serving them itself waits on nothing.
/// </summary>
internal sealed class EdenredHandlerOptions(IOptions<EdenredOptions> edenred, IProviderAddressResolver addresses, TimeProvider time)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != EdenredLoginSetup.Scheme)
        {
            return;
        }
        var settings = edenred.Value;
        var authority = addresses.Resolve(settings.Authority);
        options.Authority = authority.ToString().TrimEnd('/');
        options.RequireHttpsMetadata = authority.Scheme == Uri.UriSchemeHttps;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.CallbackPath = EdenredLoginSetup.CallbackPath;
        options.SignInScheme = EdenredLoginSetup.HandshakeScheme;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query; // form_post would need SameSite=None cookies
        options.UsePkce = true;
        options.SaveTokens = false; // stored encrypted on the server by EdenredLoginEvents, never in a cookie
        options.GetClaimsFromUserInfoEndpoint = false; // the id_token names the diner
        options.MapInboundClaims = false; // keep "username" and "email" as Edenred spells them
        options.Scope.Clear();
        foreach (var scope in new[] { OpenIdConnectScope.OpenId, OpenIdConnectScope.OfflineAccess, settings.PaymentScope })
        {
            options.Scope.Add(scope);
        }
        // Logout is the app's own endpoint (the SSO's end-session does not echo a state): the handler's
        // sign-out paths stay unmapped.
        options.RemoteSignOutPath = default;
        options.SignedOutCallbackPath = default;
        // The SSO sends the diner back with a top-level GET from its own site.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.TokenValidationParameters.LifetimeValidator = IsAliveOnTheAppsClock;
        options.Events = EdenredLoginEvents.Create();
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    /// <summary>The id_token's lifetime read on the app's clock, not the machine's, like every other time the app checks.</summary>
    private bool IsAliveOnTheAppsClock(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp > now - parameters.ClockSkew
            && (notBefore is not { } nbf || nbf <= now + parameters.ClockSkew);
    }
}
