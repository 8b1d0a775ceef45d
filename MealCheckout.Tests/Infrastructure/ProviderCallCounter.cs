using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// Counts the requests that reach the sandbox providers, by path, at the server: what the issuer
/// actually received, whatever the app believes it sent.
/// </summary>
public sealed class ProviderCallCounter : IStartupFilter
{
    public const string AdyenBalance = "/sandbox/adyen/checkout/v71/paymentMethods/balance";
    public const string AdyenPayments = "/sandbox/adyen/checkout/v71/payments";
    public const string EdenredApi = "/sandbox/edenred-api/";

    private readonly ConcurrentQueue<string> paths = new();

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    /// <summary>Requests whose path starts with <paramref name="prefix"/>.</summary>
    public int Count(string prefix) => paths.Count(p => p.StartsWith(prefix, StringComparison.Ordinal));

    public int Adyen => Count("/sandbox/adyen/");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate following) =>
        {
            if (context.Request.Path.StartsWithSegments("/sandbox"))
            {
                paths.Enqueue(context.Request.Path.Value!);
            }
            await following(context);
        });
        next(app);
    };
}
