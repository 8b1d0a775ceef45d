using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Restaurants;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using MealCheckout.Tests.Integration.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Restaurants;

/// <summary>
/// The restaurant's settings in the app's SQLite file (migration 13): the demo is seeded ready, every
/// change is audited, and the checkout refuses what the settings refuse even when the page is bypassed.
/// </summary>
public sealed class RestaurantSettingsTests : IDisposable
{
    private static readonly Guid Demo = DemoRestaurant.Restaurant.Id;

    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private RestaurantSettingsStore Store => Get<RestaurantSettingsStore>();

    private async Task SaveAsync(Func<IssuerSetting, IssuerSetting> change, string siret = "84215730700013")
    {
        var current = await Store.ReadAsync(Demo, CancellationToken.None);
        await Store.SaveAsync(Demo, new RestaurantSettingsEdit(siret, [.. current.Issuers.Select(change)]), StaffSession.Manager, CancellationToken.None);
    }

    [Fact]
    public async Task The_demo_restaurant_is_seeded_ready_to_take_payments_with_every_issuer()
    {
        var settings = await Store.ReadAsync(Demo, CancellationToken.None);

        Assert.True(settings.IsReadyForPayments);
        Assert.Equal(Enum.GetValues<VoucherIssuer>(), await Get<DinerCheckout>().OfferedIssuersAsync(Demo, CancellationToken.None));
    }

    [Fact]
    public async Task Each_change_is_kept_with_who_when_old_and_new_and_read_back_at_once()
    {
        await SaveAsync(i => i.Issuer == VoucherIssuer.Pluxee ? i with { Accepted = false, MerchantId = "PLX-42" } : i, siret: "902 431 253 00001");

        var history = await Store.HistoryAsync(Demo, CancellationToken.None);
        var settings = await Store.ReadAsync(Demo, CancellationToken.None);

        Assert.Equal(
            new[] { ("MerchantId:Pluxee", "DEMO-PLUXEE-0001", "PLX-42"), ("Accepted:Pluxee", "yes", "no"), ("Siret", "84215730700013", "90243125300001") },
            history.Select(c => (c.Setting, c.OldValue, c.NewValue)));
        Assert.All(history, c => Assert.Equal(StaffSession.Manager, c.ChangedBy));
        Assert.Equal(("90243125300001", false), (settings.Siret, settings.Accepts(VoucherIssuer.Pluxee)));
    }

    [Fact]
    public async Task A_brand_no_longer_accepted_is_not_offered_and_is_refused_even_when_the_page_is_bypassed()
    {
        await SaveAsync(i => i.Issuer == VoucherIssuer.Bimpli ? i with { Accepted = false } : i);
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var voucher = DinerBasket.Voucher(TestCards.Bimpli50);

        var offered = await Get<DinerCheckout>().OfferedIssuersAsync(Demo, CancellationToken.None);
        var preview = await Get<DinerCheckout>().PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        var outcome = await Get<DinerCheckout>().PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, voucher,
            new ConfirmedSplit(VoucherIssuer.Bimpli, "•••• 0010", basket.Total, Money.Zero, SplitLimit.EligibleAmount), DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Assert.DoesNotContain(VoucherIssuer.Bimpli, offered);
        Assert.Equal(CheckoutFailure.IssuerNotAccepted, preview.Refusal?.Failure);
        Assert.Equal(CheckoutFailure.IssuerNotAccepted, outcome.Failure);
        Assert.Empty(Get<AdyenLedger>().Payments);
    }

    [Fact]
    public async Task A_restaurant_accepting_no_issuer_takes_no_payment_at_all()
    {
        await SaveAsync(i => i with { Accepted = false });
        var basket = DinerBasket.Of(DinerBasket.Steak);

        var outcome = await Get<DinerCheckout>().PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, null, ConfirmedSplit.AllByCard(basket.Total),
            DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Assert.Equal(CheckoutFailure.RestaurantNotReady, outcome.Failure);
        Assert.Empty(await Get<DinerCheckout>().OfferedIssuersAsync(Demo, CancellationToken.None));
        Assert.Empty(Get<AdyenLedger>().Payments);
    }

    public void Dispose() => app.Dispose();
}
