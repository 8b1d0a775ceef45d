using System.Net;
using System.Net.Sockets;
using MealCheckout.Core;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Sandbox.Adyen;
using EdenredLedger = MealCheckout.Sandbox.Edenred.EdenredLedger;
using SsoState = MealCheckout.Sandbox.Edenred.SsoState;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Payments;

/// <summary>
/// Each kind of failure provoked on a real call of each provider client, over loopback HTTP to the
/// sandbox: the caller gets the outcome type it acts on, the handler writes one line for the call,
/// and no credential, token or card number reaches an exception or any log line, every level and
/// category captured (the HTTP client factory's own logging included).
/// </summary>
public sealed class ProviderClientFailureTests
{
    private const string Pablo = "lerouxpablo@yopmail.com";

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var provider in new[] { "Adyen", "Edenred" })
        {
            foreach (var failure in new[] { "provider error", "5xx", "garbage body", "timeout", "connection refused" })
            {
                cases.Add(provider, failure);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_failed_call_ends_in_its_outcome_type_with_no_secret_in_exceptions_or_logs(string provider, string failure)
    {
        var logs = new CapturedLogs();
        using var app = new MealCheckoutAppFactory(Settings(failure), weekdayClock: true, configureServices: logs.AddTo);
        _ = app.RootUri;
        var faults = app.Services.GetRequiredService<SandboxFaults>();
        var target = provider == "Adyen" ? FaultTarget.Adyen : FaultTarget.EdenredApi;
        switch (failure)
        {
            case "provider error" when provider == "Adyen":
                faults.Arm(new SandboxFault(target, FaultKind.Status, Value: 422));
                break;
            case "provider error":
                faults.Arm(new SandboxFault(target, FaultKind.ErrorCode, Code: "DECLINED"));
                break;
            case "5xx":
                faults.Arm(new SandboxFault(target, FaultKind.Status, Value: 500, Times: 8));
                break;
            case "garbage body":
                faults.Arm(new SandboxFault(target, FaultKind.MalformedBody, Times: 8));
                break;
            case "timeout":
                faults.Arm(new SandboxFault(target, FaultKind.Latency, Value: 10_000));
                break;
        }
        var (access, refresh) = app.Services.GetRequiredService<SsoState>().IssueTokens(Pablo, "mealcheckout-web", "edg-xp-mealdelivery-api", TimeSpan.FromHours(1), TimeSpan.FromDays(1));

        var thrown = await Record.ExceptionAsync(() => provider == "Adyen" ? PayByCardAsync(app) : AuthorizeAsync(app, access));

        Assert.IsType(failure == "provider error" ? typeof(ProviderErrorException) : typeof(ProviderOutcomeUnknownException), thrown);
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        string[] secrets =
        [
            configuration["Payments:Adyen:ApiKey"]!, configuration["Payments:Edenred:PaymentClientSecret"]!, configuration["Payments:Edenred:ClientSecret"]!,
            access, refresh, TestCards.Visa,
        ];
        var written = logs.Entries.Select(e => e.Message + " " + e.Exception).Append(thrown.ToString()).Append(thrown.Message).ToList();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(written, text => text.Contains(secret, StringComparison.Ordinal));
        }
        var category = provider == "Adyen" ? typeof(AdyenCheckoutClient).FullName : typeof(EdenredClient).FullName;
        Assert.Single(logs.Entries, e => e.Category == category);
    }

    [Fact]
    public async Task A_keyed_write_answered_500_is_replayed_with_its_key_and_charges_once()
    {
        var counter = new ProviderCallCounter();
        using var app = new MealCheckoutAppFactory(weekdayClock: true, configureServices: counter.AddTo);
        _ = app.RootUri;
        app.Services.GetRequiredService<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Status, Value: 500, Times: 2, PathEndsWith: "/payments"));

        var payment = await PayByCardAsync(app);

        Assert.True(payment.IsAuthorised, payment.ResultCode);
        Assert.Equal(3, counter.Count(ProviderCallCounter.AdyenPayments));
        Assert.Single(app.Services.GetRequiredService<AdyenLedger>().Payments);
    }

    [Fact]
    public async Task An_edenred_write_answered_500_is_replayed_with_its_tstamp_and_holds_once()
    {
        var counter = new ProviderCallCounter();
        using var app = new MealCheckoutAppFactory(weekdayClock: true, configureServices: counter.AddTo);
        _ = app.RootUri;
        var (access, _) = app.Services.GetRequiredService<SsoState>().IssueTokens(Pablo, "mealcheckout-web", "edg-xp-mealdelivery-api", TimeSpan.FromHours(1), TimeSpan.FromDays(1));
        app.Services.GetRequiredService<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Value: 100, PathEndsWith: "/v2/transactions"));

        var transaction = await AuthorizeAsync(app, access);

        Assert.Equal(EdenredTransaction.Authorized, transaction.Status);
        Assert.Equal(2, counter.Count("/sandbox/edenred-api/v2/transactions"));
        Assert.Equal(1850, Assert.Single(app.Services.GetRequiredService<EdenredLedger>().Transactions).HeldAmount);
    }

    private static Dictionary<string, string?> Settings(string failure)
    {
        var settings = new Dictionary<string, string?>
        {
            // Short only where the timeout is the failure: a first call on a busy machine can be slow.
            ["Payments:Adyen:TimeoutSeconds"] = failure == "timeout" ? "2" : "30",
            ["Payments:Edenred:TimeoutSeconds"] = failure == "timeout" ? "2" : "30",
            ["Reconciler:IntervalSeconds"] = "3600",
            // Every line any component writes, the HTTP client factory's and the resilience pipeline's included.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Polly"] = "Trace",
        };
        if (failure == "connection refused")
        {
            var closed = ClosedLoopbackPort();
            settings["Payments:Adyen:BaseAddress"] = $"http://127.0.0.1:{closed}/checkout/v71/";
            settings["Payments:Edenred:ApiBaseAddress"] = $"http://127.0.0.1:{closed}/edenred-api/";
        }
        return settings;
    }

    private static Task<PaymentResponse> PayByCardAsync(MealCheckoutAppFactory app) =>
        app.Services.GetRequiredService<AdyenCheckoutClient>().MakePaymentAsync("order-1", Money.FromCents(1850),
            AdyenPaymentMethod.From(AdyenPaymentMethod.Scheme, DinerBasket.Card(TestCards.Visa)), null, Guid.NewGuid().ToString(), CancellationToken.None);

    private static Task<EdenredTransaction> AuthorizeAsync(MealCheckoutAppFactory app, string accessToken) =>
        app.Services.GetRequiredService<EdenredClient>().AuthorizeAsync("order-1", MealCheckout.Sandbox.Edenred.EdenredTestMerchants.Document, Money.FromCents(1850),
            EdenredTstamp.New(DateTimeOffset.UtcNow), accessToken, CancellationToken.None);

    /// <summary>A loopback port nothing listens on: a connection to it is refused at once.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
