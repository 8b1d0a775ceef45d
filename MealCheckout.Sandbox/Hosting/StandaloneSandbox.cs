using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Sandbox.Hosting;

/// <summary>
/// <c>dotnet run --project MealCheckout.Sandbox</c>: the provider emulators in their own process, with the
/// same endpoints, test data and fault switches as inside the app, on their own port
/// (http://127.0.0.1:5090 unless <c>--urls</c> says otherwise). Point the app at it with absolute
/// provider addresses, and the sandbox's webhooks at the app with <c>--Sandbox:Adyen:WebhookUrl</c>.
/// </summary>
public static class StandaloneSandbox
{
    public const string DefaultUrl = "http://127.0.0.1:5090";

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = builder.Configuration["urls"] ?? DefaultUrl,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMealCheckoutSandbox(builder.Configuration);
        var app = builder.Build();
        app.MapMealCheckoutSandbox();
        await app.RunAsync();
    }
}
