using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// Each sandbox fault armed on each provider call of each checkout: the page always gets a result
/// (never an exception), and once the result is in (and, for an unknown outcome, the reconciler has
/// run) the issuers hold nothing and took either nothing or exactly the split the diner confirmed.
/// </summary>
public sealed class ProviderFaultTests : IDisposable
{
    private const string Pablo = "lerouxpablo@yopmail.com";

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        // Long enough for a busy machine's honest answers, shorter than the lost answer below.
        ["Payments:Adyen:TimeoutSeconds"] = "5",
        ["Payments:Edenred:TimeoutSeconds"] = "5",
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
        ["Reconciler:UnknownGiveUpAfterSeconds"] = "0",
    }, weekdayClock: true);

    /// <summary>Where each call of each checkout can be hit: the provider, and how its request is recognised.</summary>
    private static readonly Dictionary<string, (string Checkout, FaultTarget Target, string? Match, string PathEndsWith)> Calls = new()
    {
        ["conecs balance"] = ("conecs", FaultTarget.Adyen, null, "/paymentMethods/balance"),
        ["conecs open order"] = ("conecs", FaultTarget.Adyen, null, "/orders"),
        ["conecs voucher payment"] = ("conecs", FaultTarget.Adyen, "0013", "/payments"),
        ["conecs card payment"] = ("conecs", FaultTarget.Adyen, "1111", "/payments"),
        ["conecs capture"] = ("conecs", FaultTarget.Adyen, null, "/captures"),
        ["edenred estimate"] = ("edenred", FaultTarget.EdenredApi, null, "/estimate-charge"),
        ["edenred authorisation"] = ("edenred", FaultTarget.EdenredApi, null, "/v2/transactions"),
        ["edenred card payment"] = ("edenred", FaultTarget.Adyen, "1111", "/payments"),
        ["edenred capture"] = ("edenred", FaultTarget.EdenredApi, null, "/actions/capture"),
    };

    /// <summary>A refusal with an error status, errors that outlast the retries, garbage, and an answer lost after the money moved.</summary>
    private static readonly Dictionary<string, (FaultKind Kind, int Value, int Times)> Faults = new()
    {
        ["422"] = (FaultKind.Status, 422, 1),
        ["500 every time"] = (FaultKind.Status, 500, 8),
        ["malformed every time"] = (FaultKind.MalformedBody, 0, 8),
        ["answer lost after commit"] = (FaultKind.TimeoutAfterCommit, 8000, 1),
    };

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var call in Calls.Keys)
        {
            foreach (var fault in Faults.Keys)
            {
                cases.Add(call, fault);
            }
        }
        return cases;
    }

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_fault_on_every_call_ends_in_a_result_with_nothing_held(string call, string fault)
    {
        var (checkout, target, match, path) = Calls[call];
        var (kind, value, times) = Faults[fault];
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);
        var voucher = checkout == "conecs"
            ? (VoucherChoice)DinerBasket.Voucher(TestCards.Pluxee50)
            : new EdenredVoucher(await EdenredLogin.SignInForCheckoutAsync(app.RootUri, Get<EdenredSignIns>(), Pablo));
        var preview = await Get<DinerCheckout>().PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        var confirmed = preview.Split ?? throw new InvalidOperationException($"no split to confirm before the fault: {preview.Refusal?.Failure}");
        Get<SandboxFaults>().Arm(new SandboxFault(target, kind, Match: match, Value: value, Times: times, PathEndsWith: path));

        var outcome = await Get<DinerCheckout>().PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, voucher, confirmed, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Get<SandboxFaults>().Clear();
        if (outcome.Failure == CheckoutFailure.OutcomeBeingChecked)
        {
            await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);
        }
        Assert.All(Get<AdyenLedger>().Payments, p => Assert.Equal(0, p.HeldAmount));
        Assert.All(Get<EdenredLedger>().Transactions, t => Assert.Equal(0, t.HeldAmount));
        var voucherTaken = checkout == "conecs"
            ? Get<AdyenLedger>().Payments.Where(p => p.CardNumber == TestCards.Pluxee50).Sum(p => p.CapturedAmount)
            : Get<EdenredLedger>().Transactions.Sum(t => t.CapturedAmount);
        var cardTaken = Get<AdyenLedger>().Payments.Where(p => p.CardNumber == TestCards.Visa).Sum(p => p.CapturedAmount);
        var order = await Get<IOrderStore>().FindAsync(outcome.OrderId);
        if (outcome.Paid || order?.Status == OrderStatus.Paid)
        {
            Assert.Equal((confirmed.VoucherPart.Cents, confirmed.CardPart.Cents), (voucherTaken, cardTaken));
        }
        else
        {
            Assert.NotEqual(CheckoutFailure.None, outcome.Failure);
            Assert.Equal((0L, 0L), (voucherTaken, cardTaken));
            Assert.True(order is null || order.Status == OrderStatus.Failed, order?.Status.ToString());
        }
    }

    public void Dispose() => app.Dispose();
}
