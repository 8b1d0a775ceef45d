using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MealCheckout.Web.Security;

/// <summary>Per-client limits on the endpoints an attacker would hammer: staff login and payment.</summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Payment = "payment";

    public static IServiceCollection AddMealCheckoutRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var loginPerMinute = section.GetValue("LoginPerMinute", 10);
        var paymentPerMinute = section.GetValue("PaymentPerMinute", 30);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Showing the sign-in form is free; each attempt (a POST) counts.
            options.AddPolicy(Login, http => HttpMethods.IsPost(http.Request.Method) ? PerClient(http, loginPerMinute) : RateLimitPartition.GetNoLimiter("form"));
            options.AddPolicy(Payment, http => PerClient(http, paymentPerMinute));
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
