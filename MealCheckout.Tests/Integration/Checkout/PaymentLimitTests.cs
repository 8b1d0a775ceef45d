using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// Payments and balance checks limited per page, per client and per card, inside the checkout
/// services, against the sandbox over loopback: a refused attempt never reaches the issuer.
/// </summary>
public sealed class PaymentLimitTests : IDisposable
{
    private const string Bimpli = "5038110000000010";
    private const string Visa = "4111111111111111";

    private static readonly NewOrderLine Salad = new("Salade", ItemKind.Food, Money.FromCents(400), 1);

    private readonly ProviderCallCounter calls = new();
    private MealCheckoutAppFactory? app;

    /// <summary>
    /// Four payments a minute per client, three refused cards per quarter of an hour; every other
    /// limit out of the way unless the test sets it, since the sandbox has one good bank card.
    /// </summary>
    private void Start(string? limit = null, string? value = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:PaymentPerMinute"] = "4",
            ["RateLimits:PaymentPerCircuitPerMinute"] = "100",
            ["RateLimits:PaymentPerCardPerMinute"] = "100",
            ["RateLimits:BalanceCheckPerMinute"] = "100",
            ["RateLimits:BalanceCheckPerCircuitPerMinute"] = "100",
            ["RateLimits:BalanceCheckPerCardPerMinute"] = "100",
            ["RateLimits:RefusedCardsPerClient"] = "3",
            ["RateLimits:RefusedCardWindowMinutes"] = "15",
        };
        if (limit is not null)
        {
            settings["RateLimits:" + limit] = value;
        }
        app = new MealCheckoutAppFactory(settings, weekdayClock: true, configureServices: calls.AddTo);
    }

    private T Get<T>() where T : notnull => app!.Services.GetRequiredService<T>();

    private WeekdayTimeProvider Clock => (WeekdayTimeProvider)Get<TimeProvider>();

    private static PayerIdentity Client(string address, string circuit = "page-1") => new(address, circuit);

    [Fact]
    public async Task The_payment_after_the_clients_limit_is_refused_before_any_provider_call()
    {
        Start();
        for (var page = 0; page < 4; page++)
        {
            Assert.True((await PayByCardAsync(Client("203.0.113.7", $"page-{page}"), Visa)).Paid);
        }
        var callsBefore = calls.Adyen;

        var refused = await PayByCardAsync(Client("203.0.113.7", "page-9"), Visa);

        Assert.Equal(CheckoutFailure.TooManyAttempts, refused.Failure);
        Assert.Equal(callsBefore, calls.Adyen);
        Assert.Null(await Get<IOrderStore>().FindAsync(refused.OrderId));
        Assert.True((await PayByCardAsync(Client("198.51.100.20"), Visa)).Paid); // another client is not held back
    }

    [Fact]
    public async Task One_page_cannot_start_more_payments_than_its_own_limit_from_any_address()
    {
        Start("PaymentPerCircuitPerMinute", "3");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.True((await PayByCardAsync(Client($"192.0.2.{attempt}", "one-page"), Visa)).Paid);
        }

        var refused = await PayByCardAsync(Client("192.0.2.200", "one-page"), Visa);

        Assert.Equal(CheckoutFailure.TooManyAttempts, refused.Failure);
    }

    [Fact]
    public async Task One_voucher_card_is_limited_across_clients()
    {
        Start("PaymentPerCardPerMinute", "2");
        Assert.True((await PayWithVoucherAsync(Client("203.0.113.1"), Bimpli)).Paid);
        Assert.True((await PayWithVoucherAsync(Client("203.0.113.2"), Bimpli)).Paid);
        var callsBefore = calls.Adyen;

        var refused = await PayWithVoucherAsync(Client("203.0.113.3"), Bimpli);

        Assert.Equal(CheckoutFailure.TooManyAttempts, refused.Failure);
        Assert.Equal(callsBefore, calls.Adyen);
    }

    [Fact]
    public async Task Balance_checks_stop_reaching_the_issuer_after_a_few_unknown_numbers_from_one_client()
    {
        Start();
        var tester = Client("203.0.113.66");
        for (var guess = 0; guess < 3; guess++)
        {
            var (balance, _, refusal) = await PreviewAsync(tester, UnknownBimpliNumber(guess));
            Assert.Null(balance);
            Assert.NotEqual(CheckoutFailure.TooManyAttempts, refusal!.Failure);
        }
        Assert.Equal(3, calls.Count(ProviderCallCounter.AdyenBalance));

        var (_, _, guessRefused) = await PreviewAsync(tester, UnknownBimpliNumber(3));
        var (_, _, realCardRefused) = await PreviewAsync(tester with { CircuitKey = "new-page" }, Bimpli);
        var payRefused = await PayWithVoucherAsync(tester with { CircuitKey = "new-page" }, Bimpli);

        Assert.Equal(CheckoutFailure.TooManyAttempts, guessRefused!.Failure);
        Assert.Equal(CheckoutFailure.TooManyAttempts, realCardRefused!.Failure);
        Assert.Equal(CheckoutFailure.TooManyAttempts, payRefused.Failure);
        Assert.Equal(3, calls.Count(ProviderCallCounter.AdyenBalance));
        var (otherClientsBalance, _, _) = await PreviewAsync(Client("198.51.100.5"), Bimpli);
        Assert.NotNull(otherClientsBalance);
    }

    [Fact]
    public async Task Limits_open_again_once_their_window_has_passed_on_the_apps_clock()
    {
        Start();
        var diner = Client("203.0.113.8");
        for (var page = 0; page < 4; page++)
        {
            Assert.True((await PayByCardAsync(diner with { CircuitKey = $"page-{page}" }, Visa)).Paid);
        }
        for (var guess = 0; guess < 3; guess++)
        {
            await PreviewAsync(diner, UnknownBimpliNumber(guess));
        }
        Assert.Equal(CheckoutFailure.TooManyAttempts, (await PayByCardAsync(diner with { CircuitKey = "page-5" }, Visa)).Failure);

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CheckoutFailure.TooManyAttempts, (await PreviewAsync(diner, Bimpli)).Refusal!.Failure); // refused cards weigh longer
        Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.True((await PayByCardAsync(diner with { CircuitKey = "page-6" }, Visa)).Paid);
        Assert.NotNull((await PreviewAsync(diner, Bimpli)).Balance);
    }

    private Task<CheckoutOutcome> PayByCardAsync(PayerIdentity payer, string bankCard) =>
        Get<ConecsCheckout>().PayAsync(new ConecsPaymentRequest(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, [Salad],
            null, Card(bankCard), payer), CancellationToken.None);

    private Task<CheckoutOutcome> PayWithVoucherAsync(PayerIdentity payer, string voucher) =>
        Get<ConecsCheckout>().PayAsync(new ConecsPaymentRequest(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, [Salad],
            new VoucherCard(VoucherIssuer.Bimpli, Card(voucher)), null, payer), CancellationToken.None);

    private Task<(Money? Balance, ConfirmedSplit? Split, CheckoutOutcome? Refusal)> PreviewAsync(PayerIdentity payer, string voucher) =>
        Get<ConecsCheckout>().PreviewAsync(new VoucherCard(VoucherIssuer.Bimpli, Card(voucher)), Salad.UnitPrice, Salad.UnitPrice, payer, CancellationToken.None);

    private CardDetails Card(string number) =>
        CardDetails.Parse(number, "12/30", "737", ParisCalendar.DayOf(Get<TimeProvider>().GetUtcNow())).Card!;

    /// <summary>A well-formed Bimpli number (right prefix, valid Luhn digit) that no card holds.</summary>
    private static string UnknownBimpliNumber(int index)
    {
        var body = "5038119" + index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(0, 10).Select(d => body + d).First(n => Luhn.IsValid(n));
    }

    public void Dispose() => app?.Dispose();
}
