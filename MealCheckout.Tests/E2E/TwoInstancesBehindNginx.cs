using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using MealCheckout.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// The scaled-out deployment on loopback, every part its own process: a database of its own on the test
/// run's PostgreSQL, the sandbox as a separate service, two app instances on that database (Development
/// settings, their built-in sandbox off) and nginx in front of them with sticky sessions. The sandbox posts
/// its notifications to nginx, as a provider reaches a load-balanced app. Disposing stops every process.
/// </summary>
public sealed class TwoInstancesBehindNginx : IAsyncDisposable
{
    private readonly PostgreSqlDatabase database = new();
    private readonly List<IDisposable> processes = [];
    private bool databaseCreated;

    private TwoInstancesBehindNginx()
    {
    }

    public SandboxProcess Sandbox { get; private set; } = default!;

    public IReadOnlyList<AppProcess> Instances { get; private set; } = [];

    public NginxProxy Nginx { get; private set; } = default!;

    /// <summary>Where the diner's browser goes: nginx.</summary>
    public Uri RootUri => Nginx.RootUri;

    /// <param name="settings">Settings both instances get besides the database and the sandbox's addresses.</param>
    public static async Task<TwoInstancesBehindNginx> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var deployment = new TwoInstancesBehindNginx();
        try
        {
            await deployment.database.InitializeAsync();
            deployment.databaseCreated = true;
            var nginxPort = LoopbackPort.Free();
            deployment.Sandbox = deployment.Started(await SandboxProcess.StartAsync(new Uri($"http://127.0.0.1:{nginxPort}{WebhookEndpoints.AdyenPath}")));
            var instanceSettings = deployment.Sandbox.AppSettings.Concat(settings)
                .Concat(deployment.database.AppSettings.Select(s => KeyValuePair.Create(s.Key, s.Value!)))
                .Append(KeyValuePair.Create("ASPNETCORE_ENVIRONMENT", "Development"))
                .ToDictionary();
            // Started together, as a deployment starts them: the first to migrate holds the migration lock, the other waits.
            var instances = new[] { StartInstanceAsync(instanceSettings), StartInstanceAsync(instanceSettings) };
            await Task.WhenAll(instances.Select(i => i.ContinueWith(_ => { }, TaskScheduler.Default)));
            deployment.Instances = [.. instances.Where(i => i.IsCompletedSuccessfully).Select(i => deployment.Started(i.Result))];
            await Task.WhenAll(instances); // rethrows a failed start, after the started one is kept for disposal
            deployment.Nginx = deployment.Started(await NginxProxy.StartAsync(nginxPort, deployment.Instances[0].RootUri, deployment.Instances[1].RootUri));
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>The instance nginx names in its <see cref="NginxProxy.UpstreamHeader"/> header (the last one it tried, when the first was down).</summary>
    public AppProcess InstanceNamed(string upstreamHeader) =>
        Instances.Single(i => i.RootUri.Authority == upstreamHeader.Split(',').Last().Trim());

    public AppProcess OtherThan(AppProcess instance) => Instances.Single(i => i != instance);

    /// <summary>The one order in the database, as the app reads it.</summary>
    public async Task<Order> SingleOrderAsync()
    {
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var id = await db.Orders.Select(o => o.Id).SingleAsync();
        return (await database.Get<IOrderStore>().FindAsync(id))!;
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever failed before, every process started is stopped: nginx first, so no request reaches a dying instance.
        foreach (var process in Enumerable.Reverse(processes))
        {
            process.Dispose();
        }
        if (databaseCreated)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>What the instances, the sandbox and nginx wrote, kept beside the screenshots for when the test fails.</summary>
    public async Task SaveLogsAsync(string folder, string name)
    {
        for (var i = 0; i < Instances.Count; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}-instance-{i + 1}.log"), Instances[i].RootUri + "\n" + Instances[i].Output);
        }
        if (Nginx is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}-nginx-error.log"), Nginx.ErrorLog);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}-nginx-access.log"), Nginx.AccessLog);
        }
        if (Sandbox is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{name}-sandbox.log"), Sandbox.Output);
        }
    }

    private static Task<AppProcess> StartInstanceAsync(IReadOnlyDictionary<string, string> settings) =>
        AppProcess.StartAsync(AppProcess.WebApp, settings, "/");

    private T Started<T>(T process) where T : IDisposable
    {
        processes.Add(process);
        return process;
    }
}
