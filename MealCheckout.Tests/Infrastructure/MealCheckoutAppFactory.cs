using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// The real web app on Kestrel at 127.0.0.1 on an ephemeral port, with its own SQLite file and the
/// sandbox providers, so browsers and HTTP clients talk to it exactly as they would in production.
/// </summary>
public sealed class MealCheckoutAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDirectory directory = new();
    private readonly Dictionary<string, string?> settings;

    private readonly string environment;

    private readonly bool weekdayClock;

    private readonly Action<IServiceCollection>? configureServices;
    private readonly TimeProvider? clock;

    /// <param name="weekdayClock">
    /// Runs the app (and its sandbox) on a clock that reads a Tuesday at the real time of day, so
    /// tests that pay with vouchers do not fail when CI happens to run on a Sunday or a holiday.
    /// </param>
    /// <param name="clock">Runs the app (and its sandbox) on this clock instead, e.g. a Sunday the test moves by hand.</param>
    /// <param name="configureServices">Adds observers to the app, e.g. a log capture or a provider call counter.</param>
    /// <param name="port">A loopback port known before the app starts (a provider in another process posts its notifications there); any free one when 0.</param>
    public MealCheckoutAppFactory(IDictionary<string, string?>? overrides = null, string environment = "Development", bool weekdayClock = false,
        TimeProvider? clock = null, Action<IServiceCollection>? configureServices = null, int port = 0)
    {
        this.clock = clock;
        this.environment = environment;
        this.weekdayClock = weekdayClock;
        this.configureServices = configureServices;
        DatabasePath = directory.File("mealcheckout.db");
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:MealCheckout"] = $"Data Source={DatabasePath}",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
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

    /// <summary>A client talking to the Kestrel server over loopback, as a browser would.</summary>
    public HttpClient CreateLoopbackClient(bool followRedirects = true) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = false }) { BaseAddress = RootUri };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        if (clock is not null || weekdayClock)
        {
            builder.ConfigureServices(services => services.AddSingleton(clock ?? new WeekdayTimeProvider()));
        }
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
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
