using System.Net.Http.Json;
using MealCheckout.Sandbox;
using MealCheckout.Sandbox.Faults;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// The provider emulators as their own service (<c>dotnet run --project MealCheckout.Sandbox</c>), started
/// from the build on a loopback port. Apps reach it only through absolute addresses
/// (<see cref="AppSettings"/>); its ledgers and fault switches are read and armed over its HTTP control API,
/// as another process sees them. It keeps its state when the app paying through it dies.
/// </summary>
public sealed class SandboxProcess : IDisposable
{
    private readonly AppProcess process;
    private readonly HttpClient control;

    private SandboxProcess(AppProcess process)
    {
        this.process = process;
        control = new HttpClient { BaseAddress = new Uri(process.RootUri, SandboxEndpoints.ControlPrefix.TrimStart('/') + "/") };
    }

    public Uri RootUri => process.RootUri;

    /// <summary>What the sandbox wrote so far.</summary>
    public string Output => process.Output;

    /// <param name="webhookUrl">Where the emulated Adyen posts its notifications: the app, or the load balancer in front of its instances.</param>
    public static async Task<SandboxProcess> StartAsync(Uri webhookUrl) =>
        new(await AppProcess.StartAsync(AppProcess.Sandbox, new Dictionary<string, string>
        {
            ["Sandbox:Adyen:WebhookUrl"] = webhookUrl.ToString(),
            // Every request it answered, and when, for a test's saved logs.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging:Console:UseUtcTimestamp"] = "true",
        }, SandboxEndpoints.ControlPrefix + "/state"));

    /// <summary>The settings that send an app's every provider call here, with its own sandbox off.</summary>
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Sandbox:Enabled"] = "false",
        ["Payments:Adyen:BaseAddress"] = Address("sandbox/adyen/checkout/v71/"),
        ["Payments:Edenred:ApiBaseAddress"] = Address("sandbox/edenred-api/"),
        ["Payments:Edenred:Authority"] = Address("sandbox/edenred-sso/"),
    };

    /// <summary>What the emulated providers hold now, as <c>GET /sandbox/control/state</c> lists it.</summary>
    public async Task<SandboxState> StateAsync() => (await control.GetFromJsonAsync<SandboxState>("state"))!;

    /// <summary>Arms a fault for the next matching requests (<c>POST /sandbox/control/faults</c>).</summary>
    public async Task ArmAsync(SandboxFault fault)
    {
        using var response = await control.PostAsJsonAsync("faults", fault);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        control.Dispose();
        process.Dispose();
    }

    private string Address(string path) => new Uri(RootUri, path).ToString();
}

/// <summary>The sandbox's ledgers as its control API reports them; amounts in cents.</summary>
public sealed record SandboxState(SandboxState.EdenredTransaction[] Edenred, SandboxState.AdyenState Adyen, SandboxFault[] Faults)
{
    public sealed record EdenredTransaction(string AuthorizationId, string Username, string OrderRef, long Amount, string Status,
        long HeldAmount, long CapturedAmount, long RefundedAmount);

    public sealed record AdyenState(AdyenPayment[] Payments, AdyenOrder[] Orders);

    public sealed record AdyenPayment(string PspReference, string MerchantReference, string CardLast4, string PaymentMethod, string Status,
        string ResultCode, long AuthorisedAmount, long HeldAmount, long CapturedAmount, long RefundedAmount, string? OrderPspReference);

    public sealed record AdyenOrder(string PspReference, string Reference, long Amount, string Status);
}
