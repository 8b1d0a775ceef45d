using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The checkout on a clock the test sets: a Sunday's refusal is announced before Pay and charges
/// nothing, and a partial authorisation nobody answers is released when the checkout expires.
/// </summary>
public sealed class CheckoutClockTests : IDisposable
{
    private static readonly DateTimeOffset SundayNoonInParis = new(2026, 11, 29, 11, 0, 0, TimeSpan.Zero);
    private const int ExpirySeconds = 300;

    private readonly FixedTimeProvider clock = new(SandboxHost.Tuesday);
    private readonly MealCheckoutAppFactory app;

    public CheckoutClockTests() => app = new(new Dictionary<string, string?>
    {
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = ExpirySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }, clock: clock);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task On_a_Sunday_the_split_warns_before_pay_and_the_refusal_charges_nothing()
    {
        clock.Set(SundayNoonInParis);
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);

        var preview = await Get<DinerCheckout>().PreviewAsync(new CheckoutPreviewRequest(basket, DinerBasket.Voucher(TestCards.Bimpli50), TestPayers.Fresh()), CancellationToken.None);
        var outcome = await PayAsync(Guid.NewGuid(), basket, DinerBasket.Voucher(TestCards.Bimpli50), preview.Split!);

        Assert.True(preview.IssuerMayRefuseToday);
        Assert.Equal((CheckoutFailure.VoucherRefused, "Restricted Card"), (outcome.Failure, outcome.ProviderCode));
        Assert.All(Get<AdyenLedger>().Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
        Assert.DoesNotContain(Get<AdyenLedger>().Payments, p => p.CardNumber == TestCards.Visa);
    }

    [Fact]
    public async Task A_partial_authorisation_nobody_answers_is_released_when_the_checkout_expires()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var voucher = DinerBasket.Voucher(TestCards.BimpliPartial);
        var checkoutId = Guid.NewGuid();
        var preview = await Get<DinerCheckout>().PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        Assert.Equal(CheckoutFailure.PartiallyAuthorised, (await PayAsync(checkoutId, basket, voucher, preview.Split!)).Failure);
        var reconciler = Get<CheckoutReconciler>();

        clock.Advance(TimeSpan.FromSeconds(ExpirySeconds - 10));
        await reconciler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1000, Get<AdyenLedger>().Payments.Single(p => p.CardNumber == TestCards.BimpliPartial).HeldAmount); // the diner may still answer

        clock.Advance(TimeSpan.FromSeconds(20));
        await reconciler.RunOnceAsync(CancellationToken.None);

        Assert.Equal(OrderStatus.Failed, (await Get<IOrderStore>().FindAsync(checkoutId))!.Status);
        Assert.All(Get<AdyenLedger>().Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    private Task<CheckoutOutcome> PayAsync(Guid checkoutId, CheckoutBasket basket, VoucherChoice voucher, ConfirmedSplit confirmed) =>
        Get<DinerCheckout>().PayAsync(new CheckoutPayRequest(checkoutId, basket, voucher, confirmed, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

    public void Dispose() => app.Dispose();
}
