using System.Collections.Concurrent;
using System.Net;
using MealCheckout.Sandbox;
using MealCheckout.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Tests.Sandbox;

/// <summary>
/// The sandbox alone on Kestrel at 127.0.0.1 (ephemeral port), on a clock the test controls
/// (a Tuesday at noon in Paris), with a webhook receiver that records what it is sent.
/// </summary>
public sealed class SandboxHost : IAsyncLifetime
{
    public static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

    private WebApplication? app;

    public FixedTimeProvider Clock { get; } = new(Tuesday);

    public ConcurrentQueue<(string Body, string? Signature)> Webhooks { get; } = new();

    public Uri BaseAddress { get; private set; } = default!;

    public IServiceProvider Services => app!.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public HttpClient Client(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = false }) { BaseAddress = BaseAddress };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration["Sandbox:Enabled"] = "true";
        builder.Configuration["Sandbox:Adyen:WebhookUrl"] = "/test-webhooks";
        builder.Configuration["Sandbox:Edenred:AllowedRedirectUris:0"] = "/signin-edenred";
        builder.Configuration["Sandbox:Adyen:CommitTimeoutMilliseconds"] = "1500";
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddMealCheckoutSandbox(builder.Configuration);
        app = builder.Build();
        app.MapMealCheckoutSandbox();
        app.MapPost("/test-webhooks", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            Webhooks.Enqueue((body, null));
            return Results.Text("[accepted]");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxHost>
{
    public const string Name = "sandbox";
}
