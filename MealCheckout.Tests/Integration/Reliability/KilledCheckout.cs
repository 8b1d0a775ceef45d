using System.Text.RegularExpressions;
using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Reliability;

/// <summary>
/// A voucher + bank card split paid through a <see cref="KillableApp"/>, the app killed (SIGKILL) with a capture in
/// flight and started again on the same SQLite file for its reconciler to finish: the two lives, the kill, and the
/// checks on the database every such test makes. Which capture the provider holds, and what its ledger must show
/// after, are the test's.
/// </summary>
public sealed class KilledCheckout : IAsyncDisposable
{
    /// <summary>Longer than any test waits: the app is killed while the provider holds its call, never after it gave up.</summary>
    public const int HeldMilliseconds = 120_000;

    /// <summary>Each provider call the app makes is logged with its idempotency key.</summary>
    private static readonly Dictionary<string, string> ProviderCallsLogged = new()
    {
        [$"Logging:LogLevel:{typeof(AdyenCheckoutClient).FullName}"] = "Debug",
        [$"Logging:LogLevel:{typeof(EdenredClient).FullName}"] = "Debug",
    };

    private KilledCheckout(KillableApp deployment) => Deployment = deployment;

    public KillableApp Deployment { get; }

    /// <summary>The sandbox, and the app that pays: its provider calls given a minute, its reconciler leaving the checkout to the diner's request.</summary>
    public static async Task<KilledCheckout> StartAsync()
    {
        var deployment = await KillableApp.StartSandboxAsync();
        try
        {
            await deployment.StartAppAsync(new Dictionary<string, string>(ProviderCallsLogged)
            {
                ["Payments:Adyen:TimeoutSeconds"] = "60",
                ["Payments:Edenred:TimeoutSeconds"] = "60",
                // This life's reconciler leaves the checkout to the diner's request.
                ["Reconciler:StaleAfterSeconds"] = "600",
            });
            return new KilledCheckout(deployment);
        }
        catch
        {
            await deployment.DisposeAsync(); // the sandbox too, when the app does not start
            throw;
        }
    }

    /// <summary>Until the sandbox's state shows <paramref name="moment"/>, <paramref name="what"/> in a failure's message.</summary>
    public async Task WaitUntilSandboxAsync(Func<SandboxState, bool> moment, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!moment(await Deployment.Sandbox.StateAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what}\n{Deployment.Logs}");
            await Task.Delay(50);
        }
    }

    public async Task WaitUntilAppLogsAsync(Regex line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!line.IsMatch(Deployment.App.Output))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The app never logged {line}.\n{Deployment.Logs}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, while the diner's request is still waiting: it dies with the app.</summary>
    public async Task KillAsync(Task<HttpResponseMessage> paying)
    {
        Assert.False(paying.IsCompleted, $"The checkout answered before the kill.\n{Deployment.Logs}");
        Deployment.App.Kill();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => paying);
    }

    /// <summary>The app again on the same database, its reconciler looking every second at checkouts a second old; until it settles the order.</summary>
    public async Task RestartAndReconcileAsync()
    {
        await Deployment.StartAppAsync(new Dictionary<string, string>(ProviderCallsLogged)
        {
            ["Payments:Adyen:TimeoutSeconds"] = "10",
            ["Payments:Edenred:TimeoutSeconds"] = "10",
            ["Reconciler:IntervalSeconds"] = "1",
            ["Reconciler:StaleAfterSeconds"] = "1",
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Deployment.SingleOrderAsync()).Status == OrderStatus.Open && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The order paid in the database: each leg captured once for its amount, its timeline whole, no call left pending;
    /// the capture <paramref name="interrupted"/> left pending sent again by the restarted app with the key saved before
    /// the kill, and completed under it. Returns the order, for the test to check the provider's ledger against.
    /// </summary>
    public async Task<Order> AssertPaidOnceAsync(Order interrupted, long voucherCents, long cardCents)
    {
        var order = await Deployment.SingleOrderAsync();
        Assert.True(order.Status == OrderStatus.Paid, $"The order ended {order.Status} ({order.CheckReason}).\n{Deployment.Logs}");
        Assert.Null(order.CheckReason);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        Assert.Equal((LegState.Captured, voucherCents), (voucher.State, voucher.CapturedAmount.Cents));
        Assert.Equal((LegState.Captured, cardCents), (card.State, card.CapturedAmount.Cents));
        foreach (var leg in order.Legs)
        {
            Assert.Equal(
                [(LegState.Planned, LegState.Authorizing), (LegState.Authorizing, LegState.Authorized), (LegState.Authorized, LegState.Captured)],
                leg.Transitions.OrderBy(t => t.At).ThenBy(t => t.From).Select(t => (t.From, t.To)));
            Assert.Single(leg.Calls, c => c.Operation == CaptureOperation(leg));
            Assert.All(leg.Calls, c => Assert.True(c.IsCompleted, $"{c.Operation} is still pending"));
        }
        var interruptedLeg = Assert.Single(interrupted.Legs, l => l.PendingCall(CaptureOperation(l)) is not null);
        var pendingAtTheKill = interruptedLeg.PendingCall(CaptureOperation(interruptedLeg))!.IdempotencyKey;
        Assert.Equal(pendingAtTheKill, order.Legs.Single(l => l.Id == interruptedLeg.Id).Calls.Single(c => c.Operation == CaptureOperation(interruptedLeg)).IdempotencyKey);
        // The app's console reaches the test after its commit does: wait for the line rather than read it once.
        await WaitUntilAppLogsAsync(new Regex($@"answered 2\d\d success in \d+ ms \(idempotency key {Regex.Escape(pendingAtTheKill)}\)"));
        return order;
    }

    /// <summary>Where each leg stood in the database: its state, and whether a capture was begun and not answered.</summary>
    public static (LegState Voucher, bool VoucherCapturePending, LegState Card, bool CardCapturePending) Where(Order order)
    {
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        return (voucher.State, voucher.PendingCall(CaptureOperation(voucher)) is not null, card.State, card.PendingCall(CaptureOperation(card)) is not null);
    }

    /// <summary>An Edenred voucher is captured through the Direct Payment API, every other leg through Adyen.</summary>
    private static string CaptureOperation(PaymentLeg leg) =>
        leg.Issuer == VoucherIssuer.Edenred ? EdenredLegActions.CaptureOperation : AdyenLegActions.CaptureOperation;

    public ValueTask DisposeAsync() => Deployment.DisposeAsync();
}
