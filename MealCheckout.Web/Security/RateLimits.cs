using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MealCheckout.Web.Security;

/// <summary>
/// Per-client limits on the HTTP endpoints an attacker would hammer: staff login and the payment
/// webhook. Payments and balance checks run inside a Blazor circuit, not as HTTP requests, so
/// they are limited in the checkout services themselves (see PaymentAttemptLimiter).
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Webhook = "webhook";

    public static IServiceCollection AddMealCheckoutRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var loginPerMinute = section.GetValue("LoginPerMinute", 10);
        var webhookPerMinute = section.GetValue("WebhookPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Showing the sign-in form is free; each attempt (a POST) counts.
            options.AddPolicy(Login, http => HttpMethods.IsPost(http.Request.Method) ? PerClient(http, loginPerMinute) : RateLimitPartition.GetNoLimiter("form"));
            options.AddPolicy(Webhook, http => PerClient(http, webhookPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
