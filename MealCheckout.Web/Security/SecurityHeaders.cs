using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Web.Checkout;

namespace MealCheckout.Web.Security;

/// <summary>Response headers that keep the checkout out of frames and stop content sniffing.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The payment provider's secured card fields are the only frames and the only scripts from elsewhere.
    /// Blazor Server needs inline styles (MudBlazor's theme variables and
    /// positioned popovers) and a WebSocket back to the same origin, which
    /// 'self' covers. Forms post to this site only, plus the Edenred SSO when it lives elsewhere:
    /// logging out posts here and is redirected there, and browsers check form redirects too.
    /// </summary>
    public static string ContentSecurityPolicy(IConfiguration configuration)
    {
        var formTargets = "'self'";
        var authority = configuration[$"{EdenredOptions.SectionName}:{nameof(EdenredOptions.Authority)}"];
        if (Uri.TryCreate(authority, UriKind.Absolute, out var sso) && sso.Scheme is "https" or "http")
        {
            formTargets += " " + sso.GetLeftPart(UriPartial.Authority);
        }
        // The card fields are the payment provider's frames and script, from its origin only ('self' for the built-in sandbox).
        var provider = SecuredFieldsSource.ProviderOrigin(AdyenBaseAddress(configuration)) ?? "'self'";
        var scripts = provider == "'self'" ? "'self'" : $"'self' {provider}";
        return $"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src {scripts}; frame-src {provider}; " +
            $"connect-src 'self'; frame-ancestors 'none'; form-action {formTargets}; base-uri 'self'; object-src 'none'";
    }

    private static string? AdyenBaseAddress(IConfiguration configuration) =>
        configuration[$"{AdyenOptions.SectionName}:{nameof(AdyenOptions.BaseAddress)}"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, IConfiguration configuration)
    {
        var contentSecurityPolicy = ContentSecurityPolicy(configuration);
        // The built-in sandbox's card fields are the provider's pages, framed by the checkout: they set their own headers.
        var providerFields = SecuredFieldsSource.PathOnThisApp(AdyenBaseAddress(configuration));
        return app.Use(async (context, next) =>
        {
            if (providerFields is not null && context.Request.Path.StartsWithSegments(providerFields.TrimEnd('/'), StringComparison.Ordinal))
            {
                await next();
                return;
            }
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["X-Content-Type-Options"] = "nosniff";
                headers["X-Frame-Options"] = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(self)";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Replaces Blazor's own frame-ancestors-only policy with the full one.
                headers["Content-Security-Policy"] = contentSecurityPolicy;
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
