using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The rules in configuration applied by the order's Paris day, on the app's clock: Sundays refused
/// until 2027-03-01, allowed from then on, and soft drinks no longer payable by voucher from that day;
/// and rules that cannot be read stop the app at start-up.
/// </summary>
public sealed class DatedRulesTests : IDisposable
{
    private static readonly DateOnly SundayBefore = new(2027, 2, 28);
    private static readonly DateOnly SundayAfter = new(2027, 3, 7);
    private static readonly NewOrderLine Lemonade = new("Limonade artisanale", ItemKind.SoftDrink, Money.FromCents(420), 1);

    private readonly FixedTimeProvider clock = new(SandboxHost.Tuesday);
    private readonly MealCheckoutAppFactory app;

    public DatedRulesTests() => app = new(new Dictionary<string, string?>
    {
        ["Vouchers:SundaysAndHolidays"] = "Refused",
        ["Vouchers:Changes:0:From"] = "2027-03-01",
        ["Vouchers:Changes:0:SundaysAndHolidays"] = "Allowed",
        ["Vouchers:Changes:0:EligibleItemKinds:0"] = "Food",
    }, clock: clock);


    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private static DateTimeOffset NoonInParis(DateOnly day) => new(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);

    private Task<CheckoutPreview> PreviewAsync(CheckoutBasket basket) =>
        Get<DinerCheckout>().PreviewAsync(new CheckoutPreviewRequest(basket, DinerBasket.Voucher(TestCards.Bimpli50), TestPayers.Fresh()), CancellationToken.None);

    [Fact]
    public async Task The_diner_sees_no_voucher_split_on_the_Sunday_before_the_change_and_the_card_pays_it_all()
    {
        clock.Set(NoonInParis(SundayBefore));
        var basket = DinerBasket.Of(DinerBasket.Steak);

        var preview = await PreviewAsync(basket);
        var outcome = await Get<DinerCheckout>().PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, DinerBasket.Voucher(TestCards.Bimpli50), preview.Split!,
            DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Assert.Equal((0L, basket.Total.Cents, SplitLimit.SundayOrHoliday), (preview.Split!.VoucherPart.Cents, preview.Split.CardPart.Cents, preview.Split.Limit));
        Assert.Equal(CheckoutFailure.None, outcome.Failure);
        Assert.DoesNotContain(Get<AdyenLedger>().Payments, p => p.CardNumber == TestCards.Bimpli50); // the issuer was never asked
    }

    [Fact]
    public async Task The_diner_sees_the_voucher_split_on_the_Sunday_after_the_change_without_a_warning()
    {
        clock.Set(NoonInParis(SundayAfter));

        var preview = await PreviewAsync(DinerBasket.Of(DinerBasket.Steak));

        Assert.True(preview.Split!.UsesVoucher);
        Assert.False(preview.IssuerMayRefuseToday);
    }

    [Theory]
    [InlineData("2027-02-23", 2270)]
    [InlineData("2027-03-02", 1850)]
    public async Task Soft_drinks_stop_counting_towards_the_voucher_on_the_day_of_the_change(string tuesday, long eligibleCents)
    {
        clock.Set(NoonInParis(DateOnly.Parse(tuesday, System.Globalization.CultureInfo.InvariantCulture)));
        var basket = DinerBasket.Of(DinerBasket.Steak, Lemonade);

        var preview = await PreviewAsync(basket);
        var outcome = await Get<DinerCheckout>().PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, DinerBasket.Voucher(TestCards.Bimpli50), preview.Split!,
            DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);
        var order = await Get<IOrderStore>().FindAsync(outcome.OrderId, CancellationToken.None);

        Assert.Equal(CheckoutFailure.None, outcome.Failure);
        Assert.Equal(eligibleCents, preview.Split!.VoucherPart.Cents);
        Assert.Equal(eligibleCents, order!.EligibleSubtotal.Cents);
        Assert.Equal(eligibleCents == 2270, order.Lines.Single(l => l.Kind == ItemKind.SoftDrink).VoucherEligible);
    }

    [Fact]
    public void Rules_in_force_list_each_period_from_its_date()
    {
        var periods = Get<VoucherRuleBook>().Periods;

        Assert.Equal(new[] { SundayRule.Refused, SundayRule.Allowed }, periods.Select(p => p.SundaysAndHolidays));
        Assert.Equal(new DateOnly(2027, 3, 1), periods[1].From);
        Assert.Equal(new[] { true, false }, periods.Select(p => p.IsEligible(ItemKind.SoftDrink)));
    }

    [Fact]
    public void The_app_does_not_start_on_changes_out_of_date_order()
    {
        using var broken = new MealCheckoutAppFactory(new Dictionary<string, string?>
        {
            ["Vouchers:Changes:0:From"] = "2027-03-01",
            ["Vouchers:Changes:1:From"] = "2027-01-01",
        });

        var error = Record.Exception(() => broken.Services);

        Assert.NotNull(error);
        Assert.Contains("Vouchers:Changes:1:From 2027-01-01 comes before 2027-03-01", Messages(error));
    }

    private static string Messages(Exception error) => error is AggregateException many
        ? string.Join(" | ", many.InnerExceptions.Select(Messages))
        : error.Message + (error.InnerException is { } inner ? " | " + Messages(inner) : "");

    public void Dispose() => app.Dispose();
}
