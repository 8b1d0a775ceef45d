namespace MealCheckout.Web.Security;

/// <summary>Response headers that keep the checkout out of frames and stop content sniffing.</summary>
public static class SecurityHeaders
{
    // Blazor Server needs inline styles from Radzen and a WebSocket back to the same origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["X-Content-Type-Options"] = "nosniff";
                headers["X-Frame-Options"] = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(self)";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Replaces Blazor's own frame-ancestors-only policy with the full one.
                headers["Content-Security-Policy"] = ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            await next();
        });
}
