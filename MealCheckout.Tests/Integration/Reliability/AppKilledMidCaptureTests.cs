using System.Text.RegularExpressions;
using MealCheckout.Core.Orders;
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

    /// <summary>Long enough for the test to take the database's write lock while the provider holds the capture, even on a busy machine.</summary>
    private const int MomentMilliseconds = 3_000;

    private KilledCheckout checkout = default!;

    private KillableApp Deployment => checkout.Deployment;

    public async Task InitializeAsync() => checkout = await KilledCheckout.StartAsync();

    [Fact]
    public async Task Killed_while_the_provider_holds_the_voucher_capture_the_reconciler_sends_it_again_and_the_order_is_paid()
    {
        await Deployment.Sandbox.ArmAsync(CaptureHeld(BimpliAnyDay, FaultKind.Latency, KilledCheckout.HeldMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "authorised");

        await checkout.KillAsync(paying);

        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), KilledCheckout.Where(interrupted));
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_the_provider_captured_the_voucher_but_before_its_answer_came_the_replay_gets_that_answer_and_the_order_is_paid()
    {
        await Deployment.Sandbox.ArmAsync(CaptureHeld(BimpliAnyDay, FaultKind.TimeoutAfterCommit, KilledCheckout.HeldMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "captured");

        await checkout.KillAsync(paying);

        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), KilledCheckout.Where(interrupted));
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_the_voucher_capture_answered_but_before_that_answer_was_committed_the_replay_gets_that_answer_and_the_order_is_paid()
    {
        // The capture's key is on disk and the provider holds the request a moment: time to take the database's write lock.
        await Deployment.Sandbox.ArmAsync(CaptureHeld(BimpliAnyDay, FaultKind.Latency, MomentMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "authorised");
        await using (await Deployment.HoldWriteLockAsync())
        {
            // The app has the provider's answer in hand and cannot commit it, nor the card capture's key it rides with (decision 0028).
            await checkout.WaitUntilAppLogsAsync(new Regex(@"captures answered 201 success"));
            await checkout.KillAsync(paying);
        }

        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Authorized, true, LegState.Authorized, false), KilledCheckout.Where(interrupted));
        Assert.Equal("captured", (await Deployment.Sandbox.StateAsync()).Adyen.Payments.Single(p => p.CardLast4 == BimpliAnyDay[^4..]).Status);
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    [Fact]
    public async Task Killed_after_the_voucher_was_captured_while_the_provider_holds_the_card_capture_the_card_is_captured_and_the_order_is_paid()
    {
        await Deployment.Sandbox.ArmAsync(CaptureHeld(Visa, FaultKind.Latency, KilledCheckout.HeldMilliseconds));
        var paying = StartPaying();
        await WaitUntilCaptureHeldAsync(voucherAtProvider: "captured");

        await checkout.KillAsync(paying);

        // The voucher's answer reached the disk with the card capture's key, before the card call.
        var interrupted = await Deployment.SingleOrderAsync();
        Assert.Equal((LegState.Captured, false, LegState.Authorized, true), KilledCheckout.Where(interrupted));
        await checkout.RestartAndReconcileAsync();
        await AssertPaidOnceAsync(interrupted);
    }

    /// <summary>The provider holds the capture of the payment made with <paramref name="card"/>: late (<see cref="FaultKind.Latency"/>), or done and unanswered.</summary>
    private static SandboxFault CaptureHeld(string card, FaultKind kind, int milliseconds) =>
        new(FaultTarget.Adyen, kind, Match: card[^4..], Value: milliseconds, PathEndsWith: "/captures");

    /// <summary>A steak on the voucher card and a glass of wine on the bank card, paid through the app; the task ends when the app answers or dies.</summary>
    private Task<HttpResponseMessage> StartPaying() =>
        Deployment.PayAsync(new ChaosCheckout(Guid.NewGuid(), "Bimpli", DishCents, WineCents, Visa, VoucherCard: BimpliAnyDay));

    /// <summary>Until the armed fault is used (a capture reached the provider) with the card authorised and the voucher as expected.</summary>
    private Task WaitUntilCaptureHeldAsync(string voucherAtProvider) =>
        checkout.WaitUntilSandboxAsync(state => state.Faults.Length == 0
            && state.Adyen.Payments.Any(p => p.CardLast4 == BimpliAnyDay[^4..] && p.Status == voucherAtProvider)
            && state.Adyen.Payments.Any(p => p.CardLast4 == Visa[^4..] && p.Status == "authorised"),
            "The provider never held the capture with both payments authorised.");

    /// <summary>Paid once in the database (<see cref="KilledCheckout.AssertPaidOnceAsync"/>) and at the provider: both payments captured for their amounts, nothing held, the partial-payment order closed.</summary>
    private async Task AssertPaidOnceAsync(Order interrupted)
    {
        var order = await checkout.AssertPaidOnceAsync(interrupted, DishCents, WineCents);
        var issuer = (await Deployment.Sandbox.StateAsync()).Adyen;
        Assert.Equal(2, issuer.Payments.Length);
        Assert.Equal(("captured", DishCents, 0L, 0L), Ledger(issuer, order.Legs.Single(l => l.Kind == LegKind.Voucher)));
        Assert.Equal(("captured", WineCents, 0L, 0L), Ledger(issuer, order.Legs.Single(l => l.Kind == LegKind.Card)));
        Assert.Equal("closed", Assert.Single(issuer.Orders).Status);
    }

    private static (string Status, long Captured, long Held, long Refunded) Ledger(SandboxState.AdyenState issuer, PaymentLeg leg)
    {
        var payment = issuer.Payments.Single(p => p.PspReference == leg.ProviderReference);
        return (payment.Status, payment.CapturedAmount, payment.HeldAmount, payment.RefundedAmount);
    }

    public async Task DisposeAsync()
    {
        if (checkout is not null)
        {
            await checkout.DisposeAsync();
        }
    }
}
