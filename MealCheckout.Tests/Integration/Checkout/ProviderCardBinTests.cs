using MealCheckout.Core;
using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The browser's card field reports a BIN that routes a card through the card network as a voucher; the BIN the
/// provider reads from the encrypted number (its <c>additionalData.cardBin</c>) decides whether it is one.
/// Against the sandbox over real HTTP, with card fields encrypted as the frames encrypt them.
/// </summary>
public sealed class ProviderCardBinTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        ["Reconciler:IntervalSeconds"] = "3600",
    }, weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private DinerCheckout Checkout => Get<DinerCheckout>();

    private AdyenLedger Adyen => Get<AdyenLedger>();

    [Fact]
    public async Task An_ordinary_visa_card_reported_with_a_swile_bin_is_released_and_nothing_is_charged()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);
        var voucher = new VoucherCard(VoucherIssuer.Swile, await EncryptedAsync(TestCards.Visa, reportedBin: "535610"));
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        Assert.Equal(VoucherRoute.CardNetwork, preview.Route); // the page's report chose the route

        var outcome = await Checkout.PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, voucher, preview.Split!, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Assert.Equal((CheckoutFailure.VoucherRefused, VoucherCardRouter.NotAVoucherCard), (outcome.Failure, outcome.ProviderCode));
        var authorised = Assert.Single(Adyen.Payments); // the voucher's payment; the bank card was never asked
        Assert.Equal(("411111", 0L, 0L), (authorised.CardNumber[..6], authorised.HeldAmount, authorised.CapturedAmount));
        var order = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!;
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Equal(LegState.Cancelled, order.Legs.Single(l => l.Kind == LegKind.Voucher).State);
    }

    [Fact]
    public async Task A_swile_card_whose_bin_the_provider_reads_the_same_pays_as_a_voucher()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);
        var voucher = new VoucherCard(VoucherIssuer.Swile, await EncryptedAsync(SwileCards.Balance50, reportedBin: "535610"));
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);

        var outcome = await Checkout.PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, voucher, preview.Split!, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Assert.True(outcome.Paid, outcome.ToString());
        Assert.Equal(1850, Assert.Single(Adyen.Payments, p => p.CardNumber == SwileCards.Balance50).CapturedAmount);
    }

    /// <summary>The card as the secured fields send it: encrypted number, expiry and CVC, with the BIN the number frame reported.</summary>
    private async Task<EncryptedCard> EncryptedAsync(string number, string reportedBin)
    {
        using var client = app.CreateLoopbackClient();
        var fields = (await SecuredFieldsEncryption.FetchAsync(client)).Card(number, "12", "2030", "737", Get<TimeProvider>().GetUtcNow());
        return EncryptedCard.From(fields["encryptedCardNumber"], fields["encryptedExpiryMonth"], fields["encryptedExpiryYear"], fields["encryptedSecurityCode"],
            "visa", number[^4..], reportedBin)!;
    }

    public void Dispose() => app.Dispose();
}
