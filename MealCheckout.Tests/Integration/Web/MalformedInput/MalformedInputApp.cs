using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;

namespace MealCheckout.Tests.Integration.Web.MalformedInput;

/// <summary>
/// One Development app for the whole malformed-input table, its log lines captured in memory, with
/// an anonymous client and a signed-in manager (the settlement export is a manager's endpoint).
/// </summary>
public sealed class MalformedInputApp : IAsyncLifetime
{
    private StaffSession? manager;

    public MalformedInputApp()
    {
        App = new MealCheckoutAppFactory(configureServices: Logs.AddTo);
        Anonymous = new HostileClient(App, Logs, new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = App.RootUri });
    }

    public CapturedLogs Logs { get; } = new();

    public MealCheckoutAppFactory App { get; }

    public HostileClient Anonymous { get; }

    public HostileClient Manager => new(App, Logs, manager!.Client);

    public async Task InitializeAsync() => manager = await StaffSession.SignedInAsync(App, StaffSession.Manager, StaffSession.ManagerPassword);

    public Task DisposeAsync()
    {
        manager?.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The app is still serving: the menu page answers as usual.</summary>
    public async Task<HttpStatusCode> MenuStatusAsync()
    {
        using var client = App.CreateLoopbackClient();
        return (await client.GetAsync("/")).StatusCode;
    }
}
