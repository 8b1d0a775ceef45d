using System.Text.RegularExpressions;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using MealCheckout.Web.Checkout;

namespace MealCheckout.Tests.Integration.Reliability;

/// <summary>
/// As <see cref="AppKilledMidCaptureTests"/>, for an Edenred + bank card split: the diner signed in at the Edenred SSO,
/// the voucher part authorised and captured through the Edenred Direct Payment API, the card part through Adyen. The
/// app dies (SIGKILL) with a capture in flight, held by a sandbox fault, once with Edenred's answer in hand and its
/// commit held back by the test holding the database's write lock; started again on the same SQLite file, its
/// reconciler must finish the checkout: paid, each leg captured once for its amount with the key (for Edenred, the
/// tstamp) saved before the kill, nothing held at either provider. The account is one Edenred lets pay on Sundays
/// and holidays, the sandbox running on the machine's clock.
/// </summary>
public sealed class AppKilledMidEdenredCaptureTests : IAsyncLifetime
{
    private const string DinerAnyDay = "holiday.allowed@yopmail.com";
    private const string Visa = "4111111111111111";
    private const long DishCents = 1850;
    private const long WineCents = 550;

    /// <summary>Long enough for the test to take the database's write lock while Edenred holds the capture, even on a busy machine.</summary>
    private const int MomentMilliseconds = 3_000;

    private KilledCheckout checkout = default!;

    private KillableApp Deployment => checkout.Deployment;

    public async Task InitializeAsync() => checkout = await KilledCheckout.StartAsync();

    [Fact]
    public async Task Killed_while_Edenred_holds_the_voucher_capture_the_reconciler_sends_it_again_with_its_tstamp_and_the_order_is_paid()
    {
        await Deployment.Sandbox.ArmAsync(VoucherCaptureHeld(FaultKind.Latency));
        var paying = await StartPayingAsync();
        await WaitUntilCaptureHeldAsync(voucherAtEdenred: "authorized");

        await checkout.KillAsync(paying);

        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), KilledCheckout.Where(interrupted));
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_Edenred_captured_the_voucher_but_before_its_answer_came_the_replay_gets_that_answer_and_the_order_is_paid()
    {
        await Deployment.Sandbox.ArmAsync(VoucherCaptureHeld(FaultKind.TimeoutAfterCommit));
        var paying = await StartPayingAsync();
        await WaitUntilCaptureHeldAsync(voucherAtEdenred: "captured");

        await checkout.KillAsync(paying);

        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), KilledCheckout.Where(interrupted));
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_Edenred_answered_the_voucher_capture_but_before_that_answer_was_committed_the_replay_gets_that_answer_and_the_order_is_paid()
    {
        // The capture's tstamp is on disk and Edenred holds the request a moment: time to take the database's write lock.
        await Deployment.Sandbox.ArmAsync(VoucherCaptureHeld(FaultKind.Latency, MomentMilliseconds));
        var paying = await StartPayingAsync();
        await WaitUntilCaptureHeldAsync(voucherAtEdenred: "authorized");
        await using (await Deployment.HoldWriteLockAsync())
        {
            // The app has Edenred's answer in hand and waits to commit it.
            await checkout.WaitUntilAppLogsAsync(new Regex(@"actions/capture answered 200 success"));
            await checkout.KillAsync(paying);
        }

        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), KilledCheckout.Where(interrupted));
        Assert.Equal("captured", Assert.Single((await Deployment.Sandbox.StateAsync()).Edenred).Status);
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_Edenred_captured_the_voucher_while_the_card_provider_holds_the_card_capture_the_card_is_captured_and_the_order_is_paid()
    {
        await Deployment.Sandbox.ArmAsync(new SandboxFault(FaultTarget.Adyen, FaultKind.Latency, Match: Visa[^4..], Value: KilledCheckout.HeldMilliseconds, PathEndsWith: "/captures"));
        var paying = await StartPayingAsync();
        await WaitUntilCaptureHeldAsync(voucherAtEdenred: "captured");

        await checkout.KillAsync(paying);

        // The voucher's capture was committed before the card capture's key, which was committed before the card call.
        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Captured, false, LegState.Authorized, true), KilledCheckout.Where(interrupted));
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    /// <summary>Edenred holds the capture of the diner's authorisation: late (<see cref="FaultKind.Latency"/>), or done and unanswered.</summary>
    private static SandboxFault VoucherCaptureHeld(FaultKind kind, int milliseconds = KilledCheckout.HeldMilliseconds) =>
        new(FaultTarget.EdenredApi, kind, Match: DinerAnyDay, Value: milliseconds, PathEndsWith: "/actions/capture");

    /// <summary>
    /// The diner signs in at the Edenred SSO, then pays a steak with Edenred and a glass of wine with the bank card
    /// through the app; the task ends when the app answers or dies.
    /// </summary>
    private async Task<Task<HttpResponseMessage>> StartPayingAsync()
    {
        using var tokens = await EdenredLogin.TokensAsync(Deployment.Sandbox.RootUri, DinerAnyDay);
        var root = tokens.RootElement;
        return Deployment.PayAsync(new ChaosCheckout(Guid.NewGuid(), "Edenred", DishCents, WineCents, Visa, EdenredUsername: DinerAnyDay,
            AccessToken: root.GetProperty("access_token").GetString(), RefreshToken: root.GetProperty("refresh_token").GetString(),
            IdToken: root.GetProperty("id_token").GetString()));
    }

    /// <summary>Until the armed fault is used (a capture reached its provider) with the card authorised and the Edenred transaction as expected.</summary>
    private Task WaitUntilCaptureHeldAsync(string voucherAtEdenred) =>
        checkout.WaitUntilSandboxAsync(state => state.Faults.Length == 0
            && state.Edenred.Any(t => t.Username == DinerAnyDay && t.Status == voucherAtEdenred)
            && state.Adyen.Payments.Any(p => p.CardLast4 == Visa[^4..] && p.Status == "authorised"),
            "The providers never held the capture with both legs authorised.");

    /// <summary>
    /// Paid once in the database (<see cref="KilledCheckout.AssertPaidOnceAsync"/>) and at both providers: the one Edenred
    /// transaction and the one card payment captured for their amounts, nothing held or refunded.
    /// </summary>
    private async Task AssertPaidOnceAsync(Order interrupted)
    {
        var order = await checkout.AssertPaidOnceAsync(interrupted, DishCents, WineCents);
        var state = await Deployment.Sandbox.StateAsync();
        var edenred = Assert.Single(state.Edenred);
        Assert.Equal((order.Legs.Single(l => l.Kind == LegKind.Voucher).ProviderReference, "captured", DishCents, 0L, 0L),
            (edenred.AuthorizationId, edenred.Status, edenred.CapturedAmount, edenred.HeldAmount, edenred.RefundedAmount));
        var card = Assert.Single(state.Adyen.Payments);
        Assert.Equal((order.Legs.Single(l => l.Kind == LegKind.Card).ProviderReference, "captured", WineCents, 0L, 0L),
            (card.PspReference, card.Status, card.CapturedAmount, card.HeldAmount, card.RefundedAmount));
        Assert.Empty(state.Adyen.Orders);
    }

    public async Task DisposeAsync()
    {
        if (checkout is not null)
        {
            await checkout.DisposeAsync();
        }
    }
}
