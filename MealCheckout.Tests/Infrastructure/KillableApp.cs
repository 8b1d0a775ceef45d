using System.Net.Http.Json;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Integration.Persistence;
using MealCheckout.Web;
using MealCheckout.Web.Checkout;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// The sandbox and the app each in their own process, the app on a real SQLite file, with the chaos run's
/// checkout endpoint on so a test pays through the app over HTTP as a diner's request would. The app can be
/// killed (SIGKILL) and started again on the same file and the same port, where the sandbox posts its
/// notifications. The test reads the database from its own process. Disposing stops every process started.
/// </summary>
public sealed class KillableApp : IAsyncDisposable
{
    private readonly SqliteDatabase database = new();
    private readonly int port = LoopbackPort.Free();
    private readonly List<AppProcess> lives = [];
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromMinutes(2) };

    private KillableApp()
    {
    }

    public SandboxProcess Sandbox { get; private set; } = default!;

    /// <summary>The app as last started.</summary>
    public AppProcess App => lives[^1];

    /// <summary>What the sandbox and every life of the app wrote, for a failing test's message.</summary>
    public string Logs => string.Join("\n", lives.Select((app, i) => $"--- app, life {i + 1}\n{app.Output}").Append($"--- sandbox\n{Sandbox?.Output}"));

    public static async Task<KillableApp> StartSandboxAsync()
    {
        var deployment = new KillableApp();
        try
        {
            deployment.Sandbox = await SandboxProcess.StartAsync(new Uri($"http://127.0.0.1:{deployment.port}{WebhookEndpoints.AdyenPath}"));
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the app (again) on the same database and port, paying through the sandbox, with <paramref name="settings"/> on top.</summary>
    public async Task StartAppAsync(IReadOnlyDictionary<string, string> settings)
    {
        var all = Sandbox.AppSettings.Concat(settings).Concat(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings:MealCheckout"] = $"Data Source={database.Path}",
            ["Chaos:Enabled"] = "true",
        }).ToDictionary();
        lives.Add(await AppProcess.StartAsync(AppProcess.WebApp, all, "/", port));
    }

    /// <summary>Sends one checkout to the app; the task ends when the app answers, or fails when it dies first.</summary>
    public async Task<HttpResponseMessage> PayAsync(ChaosCheckout checkout) =>
        await client.PostAsJsonAsync(new Uri(App.RootUri, ChaosDrivingEndpoints.Path.TrimStart('/')), checkout);

    /// <summary>The one order in the database, as the app reads it.</summary>
    public async Task<Order> SingleOrderAsync()
    {
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();
        var id = await db.Orders.Select(o => o.Id).SingleAsync();
        return (await database.Get<IOrderStore>().FindAsync(id))!;
    }

    /// <summary>
    /// Takes the database's write lock from the test's process, as another writer's long transaction would: the app
    /// still reads, but its next commit waits (its busy timeout) until the lock is given back by disposing the result.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection; // closing it rolls the empty transaction back
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        foreach (var app in lives)
        {
            app.Dispose();
        }
        Sandbox?.Dispose();
        await database.DisposeAsync();
    }
}
