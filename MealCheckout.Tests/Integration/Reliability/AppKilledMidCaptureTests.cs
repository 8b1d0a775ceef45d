using System.Text.RegularExpressions;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Checkout;

namespace MealCheckout.Tests.Integration.Reliability;

/// <summary>
/// The app dies (SIGKILL) once both legs of a CONECS voucher + bank card split are authorised, with a capture in
/// flight; it is started again on the same SQLite file and its reconciler finishes the checkout. It must end paid,
/// each leg captured once for its amount, the capture left pending replayed with the key saved before the kill
/// (decision 0028), nothing held. Where the kill falls is made certain by the provider holding a capture, and once
/// by the test holding the database's write lock. The sandbox and the app each run in their own process; the
/// sandbox runs on the machine's clock, so the voucher card is one allowed on Sundays and holidays.
/// </summary>
public sealed class AppKilledMidCaptureTests : IAsyncLifetime
{
    private const string BimpliAnyDay = "5038110000000069";
    private const string Visa = "4111111111111111";
    private const long DishCents = 1850;
    private const long WineCents = 550;

    /// <summary>Longer than any test waits: the app is killed while the provider holds its call, never after it gave up.</summary>
    private const int HeldMilliseconds = 120_000;

    /// <summary>Long enough for the test to take the database's write lock while the provider holds the capture, even on a busy machine.</summary>
    private const int MomentMilliseconds = 3_000;

    /// <summary>Each provider call the app makes is logged with its idempotency key.</summary>
    private static readonly Dictionary<string, string> ProviderCallsLogged = new()
    {
        [$"Logging:LogLevel:{typeof(AdyenCheckoutClient).FullName}"] = "Debug",
    };

    private KillableApp deployment = default!;

    public async Task InitializeAsync()
    {
        deployment = await KillableApp.StartSandboxAsync();
        try
        {
            await deployment.StartAppAsync(new Dictionary<string, string>(ProviderCallsLogged)
            {
                ["Payments:Adyen:TimeoutSeconds"] = "60",
                // This life's reconciler leaves the checkout to the diner's request.
                ["Reconciler:StaleAfterSeconds"] = "600",
            });
        }
        catch
        {
            await deployment.DisposeAsync(); // the sandbox too, when the app does not start
            deployment = null!;
            throw;
        }
    }

    [Fact]
    public async Task Killed_while_the_provider_holds_the_voucher_capture_the_reconciler_sends_it_again_and_the_order_is_paid()
    {
        await deployment.Sandbox.ArmAsync(CaptureHeld(BimpliAnyDay, FaultKind.Latency, HeldMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "authorised");

        await KillAsync(paying);

        var interrupted = await deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), Where(interrupted));
        await RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_the_provider_captured_the_voucher_but_before_its_answer_came_the_replay_gets_that_answer_and_the_order_is_paid()
    {
        await deployment.Sandbox.ArmAsync(CaptureHeld(BimpliAnyDay, FaultKind.TimeoutAfterCommit, HeldMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "captured");

        await KillAsync(paying);

        var interrupted = await deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), Where(interrupted));
        await RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_the_voucher_capture_answered_but_before_that_answer_was_committed_the_replay_gets_that_answer_and_the_order_is_paid()
    {
        // The capture's key is on disk and the provider holds the request a moment: time to take the database's write lock.
        await deployment.Sandbox.ArmAsync(CaptureHeld(BimpliAnyDay, FaultKind.Latency, MomentMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "authorised");
        await using (await deployment.HoldWriteLockAsync())
        {
            // The app has the provider's answer in hand and cannot commit it, nor the card capture's key it rides with (decision 0028).
            await WaitUntilAppLogsAsync(new Regex(@"captures answered 201 success"));
            await KillAsync(paying);
        }

        var interrupted = await deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), Where(interrupted));
        Assert.Equal("captured", (await deployment.Sandbox.StateAsync()).Adyen.Payments.Single(p => p.CardLast4 == BimpliAnyDay[^4..]).Status);
        await RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_the_voucher_was_captured_while_the_provider_holds_the_card_capture_the_card_is_captured_and_the_order_is_paid()
    {
        await deployment.Sandbox.ArmAsync(CaptureHeld(Visa, FaultKind.Latency, HeldMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "captured");

        await KillAsync(paying);

        // The voucher's answer reached the disk with the card capture's key, before the card call.
        var interrupted = await deployment.SingleOrderAsync();
        Assert.Equal((LegState.Captured, false, LegState.Authorized, true), Where(interrupted));
        await RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    /// <summary>The provider holds the capture of the payment made with <paramref name="card"/>: late (<see cref="FaultKind.Latency"/>), or done and unanswered.</summary>
    private static SandboxFault CaptureHeld(string card, FaultKind kind, int milliseconds) =>
        new(FaultTarget.Adyen, kind, Match: card[^4..], Value: milliseconds, PathEndsWith: "/captures");

    /// <summary>A steak on the voucher card and a glass of wine on the bank card, paid through the app; the task ends when the app answers or dies.</summary>
    private Task<HttpResponseMessage> StartPaying() =>
        deployment.PayAsync(new ChaosCheckout(Guid.NewGuid(), "Bimpli", DishCents, WineCents, Visa, VoucherCard: BimpliAnyDay));

    /// <summary>Until the armed fault is used (a capture reached the provider) with the card authorised and the voucher as expected.</summary>
    private async Task WaitUntilCaptureHeldAsync(string voucherAtProvider)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = await deployment.Sandbox.StateAsync();
            if (state.Faults.Length == 0
                && state.Adyen.Payments.Any(p => p.CardLast4 == BimpliAnyDay[^4..] && p.Status == voucherAtProvider)
                && state.Adyen.Payments.Any(p => p.CardLast4 == Visa[^4..] && p.Status == "authorised"))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"The provider never held the capture with both payments authorised.\n{deployment.Logs}");
            await Task.Delay(50);
        }
    }

    private async Task WaitUntilAppLogsAsync(Regex line)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!line.IsMatch(deployment.App.Output))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The app never logged {line}.\n{deployment.Logs}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, while the diner's request is still waiting: it dies with the app.</summary>
    private async Task KillAsync(Task<HttpResponseMessage> paying)
    {
        Assert.False(paying.IsCompleted, $"The checkout answered before the kill.\n{deployment.Logs}");
        deployment.App.Kill();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => paying);
    }

    /// <summary>The app again on the same database, its reconciler looking every second at checkouts a second old; until it settles the order.</summary>
    private async Task RestartAndReconcileAsync()
    {
        await deployment.StartAppAsync(new Dictionary<string, string>(ProviderCallsLogged)
        {
            ["Payments:Adyen:TimeoutSeconds"] = "10",
            ["Reconciler:IntervalSeconds"] = "1",
            ["Reconciler:StaleAfterSeconds"] = "1",
        });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await deployment.SingleOrderAsync()).Status == OrderStatus.Open && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The order paid in the database and at the provider: each leg captured once for its amount, its timeline whole,
    /// nothing held; the capture <paramref name="interrupted"/> left pending sent again by the restarted app with its key.
    /// </summary>
    private async Task AssertPaidOnceAsync(Order interrupted)
    {
        var order = await deployment.SingleOrderAsync();
        Assert.True(order.Status == OrderStatus.Paid, $"The order ended {order.Status} ({order.CheckReason}).\n{deployment.Logs}");
        Assert.Null(order.CheckReason);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        Assert.Equal((LegState.Captured, DishCents), (voucher.State, voucher.CapturedAmount.Cents));
        Assert.Equal((LegState.Captured, WineCents), (card.State, card.CapturedAmount.Cents));
        foreach (var leg in order.Legs)
        {
            Assert.Equal(
                [(LegState.Planned, LegState.Authorizing), (LegState.Authorizing, LegState.Authorized), (LegState.Authorized, LegState.Captured)],
                leg.Transitions.OrderBy(t => t.At).ThenBy(t => t.From).Select(t => (t.From, t.To)));
            Assert.Single(leg.Calls, c => c.Operation == AdyenLegActions.CaptureOperation);
            Assert.All(leg.Calls, c => Assert.True(c.IsCompleted, $"{c.Operation} is still pending"));
        }
        var pendingAtTheKill = interrupted.Legs.Select(l => l.PendingCall(AdyenLegActions.CaptureOperation)).OfType<ProviderCall>().Single();
        Assert.Matches($@"captures answered 201 success in \d+ ms \(idempotency key {pendingAtTheKill.IdempotencyKey}\)", deployment.App.Output);

        var issuer = (await deployment.Sandbox.StateAsync()).Adyen;
        Assert.Equal(2, issuer.Payments.Length);
        Assert.Equal(("captured", DishCents, 0L, 0L), Ledger(issuer, voucher));
        Assert.Equal(("captured", WineCents, 0L, 0L), Ledger(issuer, card));
        Assert.Equal("closed", Assert.Single(issuer.Orders).Status);
    }

    private static (string Status, long Captured, long Held, long Refunded) Ledger(SandboxState.AdyenState issuer, PaymentLeg leg)
    {
        var payment = issuer.Payments.Single(p => p.PspReference == leg.ProviderReference);
        return (payment.Status, payment.CapturedAmount, payment.HeldAmount, payment.RefundedAmount);
    }

    /// <summary>Where each leg stood in the database: its state, and whether a capture was begun and not answered.</summary>
    private static (LegState Voucher, bool VoucherCapturePending, LegState Card, bool CardCapturePending) Where(Order order)
    {
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        return (voucher.State, voucher.PendingCall(AdyenLegActions.CaptureOperation) is not null, card.State, card.PendingCall(AdyenLegActions.CaptureOperation) is not null);
    }

    public async Task DisposeAsync()
    {
        if (deployment is not null)
        {
            await deployment.DisposeAsync();
        }
    }
}
