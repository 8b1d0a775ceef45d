using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>Checkouts interrupted mid-payment are finished or reversed by the reconciler; nothing stays held.</summary>
public sealed class ReconcilerTests : IDisposable
{
    private const string Voucher = "5038110000000010";
    private const string Visa = "4111111111111111";
    private const string VisaRefused = "4000000000000002";
    private const string PartialVoucher = "5038110000000051"; // authorises at most EUR 10.00
    private const string Pablo = "lerouxpablo@yopmail.com";

    // A dropped connection is retried twice by the client and the whole call replayed once: six drops lose the answer.
    private const int LostAnswer = 6;

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        // Generous for a busy machine; the answer held below is held far longer still.
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Payments:Edenred:TimeoutSeconds"] = "6",
        ["Sandbox:Adyen:CommitTimeoutMilliseconds"] = "1500",
        // Passes run only when the test says so, and every open order counts as interrupted.
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
    }, weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_lost_card_answer_leaves_the_voucher_held_until_the_reconciler_releases_it()
    {
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "1111", Times: LostAnswer));

        var outcome = await PayAsync(Visa);

        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        Assert.Equal(1850, Get<AdyenLedger>().Payments.Single(p => p.CardNumber == Voucher).HeldAmount);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        Assert.All(Get<AdyenLedger>().Payments, p => Assert.Equal(0, p.HeldAmount));
        var order = await Get<IOrderStore>().FindAsync(outcome.OrderId);
        Assert.Equal(OrderStatus.Failed, order!.Status);
        Assert.All(order.Legs, l => Assert.Equal(LegState.Cancelled, l.State));
    }

    [Fact]
    public async Task Authorised_legs_whose_capture_was_interrupted_are_captured()
    {
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "/captures", Times: LostAnswer));

        var outcome = await PayAsync(Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await Get<IOrderStore>().FindAsync(outcome.OrderId);
        Assert.Equal(OrderStatus.Paid, order!.Status);
        Assert.Equal(2400, Get<AdyenLedger>().Payments.Where(p => p.MerchantReference.StartsWith(order.Number, StringComparison.Ordinal)).Sum(p => p.CapturedAmount));
    }

    [Fact]
    public async Task A_payment_taken_whose_answer_never_came_is_found_through_its_notification_and_completed()
    {
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.TimeoutAfterCommit, Match: "0010", Value: 60_000, Times: 2, PathEndsWith: "/payments"));

        var outcome = await PayAsync(bankCard: null, [new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 1)]);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        Assert.Single(Get<AdyenLedger>().Payments, p => p.CardNumber == Voucher);

        await WaitForNotificationAsync();
        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await Get<IOrderStore>().FindAsync(outcome.OrderId);
        Assert.Equal(OrderStatus.Paid, order!.Status);
        var charge = Assert.Single(Get<AdyenLedger>().Payments, p => p.CardNumber == Voucher);
        Assert.Equal(1850, charge.CapturedAmount);
    }

    [Fact]
    public async Task Webhooks_with_a_wrong_signature_are_refused_and_duplicates_stored_once()
    {
        using var client = app.CreateLoopbackClient();
        var item = new AdyenNotification("AUTHORISATION", true, "PSP1", null, "MC-1-V", 100, "visa", null);
        var webhooks = Get<AdyenWebhooks>();
        var signed = webhooks.Body(item);

        var first = await client.PostAsync("/webhooks/adyen", new StringContent(signed, System.Text.Encoding.UTF8, "application/json"));
        var again = await client.PostAsync("/webhooks/adyen", new StringContent(signed, System.Text.Encoding.UTF8, "application/json"));
        var forged = await client.PostAsync("/webhooks/adyen", new StringContent(signed.Replace("\"value\":100", "\"value\":100000", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("[accepted]", await first.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged.StatusCode);
        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Persistence.MealCheckoutDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, db.WebhookEvents.Count(w => w.PspReference == "PSP1"));
    }

    /// <summary>Which provider call loses its answer (the provider acts, the app never hears), in which kind of split checkout.</summary>
    public static TheoryData<string> LostAnswers => new()
    {
        "edenred voucher capture, and its status reads",
        "edenred card capture",
        "edenred voucher cancel, and its status reads",
        "edenred card cancel",
        "conecs voucher capture",
        "conecs card capture",
        "conecs order cancel",
        "conecs voucher cancel",
    };

    [Theory]
    [MemberData(nameof(LostAnswers))]
    public async Task Whatever_answer_is_lost_on_capture_or_cancel_no_money_is_left_out_of_place(string lost)
    {
        var outcome = await PayLosingAsync(lost);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!;
        Assert.True(order.Status is OrderStatus.Paid or OrderStatus.Failed, $"{lost}: {order.Status}");
        ProviderMoney.Of(order.Number, Get<EdenredLedger>(), Get<AdyenLedger>()).AssertInPlace(order);
    }

    /// <summary>Arms the faults that lose one call's answer, then pays the checkout that makes that call.</summary>
    private async Task<CheckoutOutcome> PayLosingAsync(string lost)
    {
        var faults = Get<SandboxFaults>();
        // Each client retries a dropped answer twice and the call is replayed once: six lose it for good.
        void LoseAdyen(string path, string card) => faults.Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.TimeoutAfterCommit, Match: card, Value: 200, Times: LostAnswer, PathEndsWith: path));
        void LoseEdenred(string action)
        {
            faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Value: 200, Times: LostAnswer, PathEndsWith: "/actions/" + action));
            faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.DropConnection, Times: 3, Method: "GET")); // a read is retried twice
        }
        switch (lost)
        {
            case "edenred voucher capture, and its status reads":
                LoseEdenred("capture");
                return await PayEdenredAsync(Visa);
            case "edenred card capture":
                LoseAdyen("/captures", "1111");
                return await PayEdenredAsync(Visa);
            case "edenred voucher cancel, and its status reads":
                LoseEdenred("cancel");
                return await PayEdenredAsync(VisaRefused);
            case "edenred card cancel":
                faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.ErrorCode, Code: "TEMPORARY_HOLD", PathEndsWith: "/actions/capture"));
                LoseAdyen("/cancels", "1111");
                return await PayEdenredAsync(Visa);
            case "conecs voucher capture":
                LoseAdyen("/captures", "0010");
                return await PayAsync(Visa);
            case "conecs card capture":
                LoseAdyen("/captures", "1111");
                return await PayAsync(Visa);
            case "conecs order cancel":
                LoseAdyen("/orders/cancel", "");
                return await PayAsync(VisaRefused);
            case "conecs voucher cancel":
            {
                // A partial authorisation the diner declines: the lone voucher authorisation is released.
                LoseAdyen("/cancels", "0051");
                var partial = await PayAsync(bankCard: null, [new NewOrderLine("Plat du jour", ItemKind.Food, Money.FromCents(1500), 1)], PartialVoucher);
                Assert.Equal(CheckoutFailure.PartiallyAuthorised, partial.Failure);
                return await Get<DinerCheckout>().DeclinePartialAsync(partial.OrderId, CancellationToken.None);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(lost), lost, null);
        }
    }

    private async Task<CheckoutOutcome> PayEdenredAsync(string bankCard)
    {
        var login = await EdenredLogin.SignInForCheckoutAsync(app.RootUri, Get<EdenredSignIns>(), Pablo);
        var today = ParisCalendar.DayOf(Get<TimeProvider>().GetUtcNow());
        NewOrderLine[] lines = [new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)];
        return await Get<EdenredCheckout>().PayAsync(new EdenredPaymentRequest(new OrderDraft(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines),
            login, CardDetails.Parse(bankCard, "12/30", "737", today).Card, TestPayers.Fresh()), CancellationToken.None);
    }

    private async Task WaitForNotificationAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Persistence.MealCheckoutDbContext>>().CreateDbContextAsync();
            if (db.WebhookEvents.Any(w => w.EventCode == "AUTHORISATION"))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The AUTHORISATION notification never arrived.");
    }

    private Task<CheckoutOutcome> PayAsync(string? bankCard, NewOrderLine[]? lines = null, string voucher = Voucher)
    {
        var today = ParisCalendar.DayOf(Get<TimeProvider>().GetUtcNow());
        lines ??= [new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)];
        return Get<ConecsCheckout>().PayAsync(new ConecsPaymentRequest(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines,
            new VoucherCard(VoucherIssuer.Bimpli, CardDetails.Parse(voucher, "12/30", "737", today).Card!), bankCard is null ? null : CardDetails.Parse(bankCard, "12/30", "737", today).Card, TestPayers.Fresh()), CancellationToken.None);
    }

    public void Dispose() => app.Dispose();
}
