using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The CONECS checkout against the sandbox, over real HTTP on loopback, with a real SQLite file:
/// what the diner pays, and what the issuer holds afterwards.
/// </summary>
public sealed class ConecsCheckoutTests : IDisposable
{
    private const string BimpliFull = "5038110000000010";
    private const string PluxeeFull = "5035450000000013";
    private const string PluxeePartial = "5035450000000054";
    private const string UpFull = "5044210000000010";
    private const string Visa = "4111111111111111";
    private const string VisaRefused = "4000000000000002";
    private const string VisaTimesOut = "4000000000000119";

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        // Generous for a busy machine: the card that never answers is dropped after 3 s anyway.
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Sandbox:Adyen:CommitTimeoutMilliseconds"] = "3000",
        // The daily-cap race below pays twenty times with one card; the card limit has its own tests.
        ["RateLimits:PaymentPerCardPerMinute"] = "100",
    }, weekdayClock: true);

    private ConecsCheckout Checkout => app.Services.GetRequiredService<ConecsCheckout>();
    private AdyenLedger Issuer => app.Services.GetRequiredService<AdyenLedger>();
    private IOrderStore Orders => app.Services.GetRequiredService<IOrderStore>();

    private static NewOrderLine Steak => new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1);
    private static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    [Fact]
    public async Task Voucher_pays_all_when_everything_is_eligible_and_under_the_cap()
    {
        var outcome = await PayAsync([Steak], BimpliFull, null);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        var leg = Assert.Single(order!.Legs);
        Assert.Equal((LegKind.Voucher, LegState.Captured, 1850L), (leg.Kind, leg.State, leg.CapturedAmount.Cents));
        Assert.StartsWith("•••• 0010 #", leg.VoucherAccount);
        Assert.Equal(1850, Issuer.Payments.Single(p => p.PspReference == leg.ProviderReference).CapturedAmount);
    }

    [Fact]
    public async Task Voucher_pays_the_eligible_part_and_the_card_the_rest()
    {
        var outcome = await PayAsync([Steak, Wine], PluxeeFull, Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        Assert.Equal(OrderStatus.Paid, order!.Status);
        Assert.Equal(1850, order.Legs.Single(l => l.Kind == LegKind.Voucher).CapturedAmount.Cents);
        Assert.Equal(550, order.Legs.Single(l => l.Kind == LegKind.Card).CapturedAmount.Cents);
        Assert.Equal("1111", order.Legs.Single(l => l.Kind == LegKind.Card).CardLast4);
        Assert.All(order.Legs.SelectMany(l => l.Calls), c => Assert.False(string.IsNullOrEmpty(c.IdempotencyKey)));
    }

    [Fact]
    public async Task Partial_authorisation_holds_the_voucher_and_charges_the_card_only_once_the_diner_confirms()
    {
        var checkoutId = Guid.NewGuid();
        var question = await PayAsync([Steak, Wine], PluxeePartial, Visa, checkoutId);

        Assert.Equal(CheckoutFailure.PartiallyAuthorised, question.Failure);
        Assert.DoesNotContain(Issuer.Payments, p => p.CardNumber == Visa);

        var outcome = await PayAsync([Steak, Wine], PluxeePartial, Visa, checkoutId, question.Proposed);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        Assert.Equal(1000, order!.Legs.Single(l => l.Kind == LegKind.Voucher).CapturedAmount.Cents);
        Assert.Equal(1400, order.Legs.Single(l => l.Kind == LegKind.Card).CapturedAmount.Cents);
    }

    [Fact]
    public async Task Voucher_part_under_minimum_goes_to_card()
    {
        var coffee = new NewOrderLine("Café", ItemKind.SoftDrink, Money.FromCents(120), 1);
        var beer = new NewOrderLine("Bière", ItemKind.Alcohol, Money.FromCents(480), 1);

        var outcome = await PayAsync([coffee, beer], UpFull, Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        var leg = Assert.Single(order!.Legs);
        Assert.Equal((LegKind.Card, 600L), (leg.Kind, leg.CapturedAmount.Cents));
        Assert.DoesNotContain(Issuer.Payments, p => p.CardNumber == UpFull);
    }

    [Fact]
    public async Task When_the_daily_cap_is_reached_here_the_card_pays_everything()
    {
        var big = new NewOrderLine("Menu groupe", ItemKind.Food, Money.FromCents(2500), 1);
        Assert.True((await PayAsync([big], BimpliFull, null)).Paid);

        var outcome = await PayAsync([Steak], BimpliFull, Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        Assert.Equal(LegKind.Card, Assert.Single(order!.Legs).Kind);
    }

    [Fact]
    public async Task A_refused_bank_card_releases_the_voucher_and_nothing_stays_held()
    {
        var outcome = await PayAsync([Steak, Wine], BimpliFull, VisaRefused);

        Assert.Equal(CheckoutFailure.CardRefused, outcome.Failure);
        Assert.Equal("Refused", outcome.ProviderCode);
        var order = await Orders.FindAsync(outcome.OrderId);
        Assert.Equal(OrderStatus.Failed, order!.Status);
        Assert.Equal(LegState.Cancelled, order.Legs.Single(l => l.Kind == LegKind.Voucher).State);
        var issuerSide = Issuer.Payments.Where(p => p.MerchantReference.StartsWith(order.Number, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(issuerSide);
        Assert.All(issuerSide, p => Assert.Equal(0, p.HeldAmount));
        Assert.All(issuerSide, p => Assert.Equal(0, p.CapturedAmount));
    }

    [Fact]
    public async Task Missing_bank_card_for_a_split_creates_no_order_and_holds_nothing()
    {
        var outcome = await PayAsync([Steak, Wine], BimpliFull, null);

        Assert.Equal(CheckoutFailure.BankCardNeeded, outcome.Failure);
        Assert.Null(await Orders.FindAsync(outcome.OrderId));
        Assert.DoesNotContain(Issuer.Payments, p => p.HeldAmount > 0);
    }

    [Fact]
    public async Task A_timeout_after_the_charge_ends_with_exactly_one_charge()
    {
        var outcome = await PayAsync([Steak, Wine], PluxeeFull, VisaTimesOut);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        var cardCharges = Issuer.Payments.Where(p => p.CardNumber == VisaTimesOut && p.MerchantReference.StartsWith(order!.Number, StringComparison.Ordinal)).ToList();
        Assert.Equal(550, Assert.Single(cardCharges).CapturedAmount);
    }

    [Fact]
    public async Task Pressing_pay_twice_pays_once()
    {
        var checkoutId = Guid.NewGuid();

        var first = await PayAsync([Steak], BimpliFull, null, checkoutId);
        var second = await PayAsync([Steak], BimpliFull, null, checkoutId);

        Assert.True(first.Paid);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.True(second.Paid);
        Assert.Single(Issuer.Payments, p => p.CardNumber == BimpliFull && p.Status == "captured");
    }

    [Fact]
    public async Task Twenty_concurrent_checkouts_on_one_card_never_pass_its_daily_cap()
    {
        var salad = new NewOrderLine("Salade", ItemKind.Food, Money.FromCents(400), 1);
        _ = Checkout; // start the app once, before the parallel calls

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => PayAsync([salad], UpFull, Visa))));

        Assert.All(outcomes, o => Assert.True(o.Paid, o.ToString()));
        var onVoucher = Issuer.Payments.Where(p => p.CardNumber == UpFull && p.Status == "captured").Sum(p => p.CapturedAmount);
        Assert.InRange(onVoucher, 2000, 2500);
        var orders = await Task.WhenAll(outcomes.Select(o => Orders.FindAsync(o.OrderId)));
        Assert.Equal(onVoucher, orders.SelectMany(o => o!.Legs).Where(l => l.Kind == LegKind.Voucher).Sum(l => l.CapturedAmount.Cents));
        Assert.Equal(20 * 400, orders.Sum(o => o!.PaidAmount.Cents));
    }

    private Task<CheckoutOutcome> PayAsync(NewOrderLine[] lines, string voucherNumber, string? bankNumber, Guid? checkoutId = null, ConfirmedSplit? confirmed = null) =>
        Checkout.PayAsync(lines, voucherNumber, bankNumber, checkoutId, confirmed);

    public void Dispose() => app.Dispose();
}
