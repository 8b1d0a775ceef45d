using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// The real web app on Kestrel at 127.0.0.1 on an ephemeral port, with its own SQLite file and the
/// sandbox providers, so browsers and HTTP clients talk to it exactly as they would in production.
/// </summary>
public sealed class MealCheckoutAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDirectory directory = new();
    private readonly Dictionary<string, string?> settings;

    public MealCheckoutAppFactory(IDictionary<string, string?>? overrides = null)
    {
        DatabasePath = directory.File("mealcheckout.db");
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MealCheckout"] = $"Data Source={DatabasePath}",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    public string DatabasePath { get; }

    /// <summary>The address a browser opens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            directory.Dispose();
        }
    }
}
