using MealCheckout.Core.Checkout;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// On a Sunday, under the default rule (the employer decides per card), the diner is warned and the
/// first-generation card's issuer answers: it refuses a card not allowed on Sundays, pays one that is.
/// </summary>
public sealed class FirstGenerationSundayTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Reconciler:IntervalSeconds"] = "3600",
    }, clock: new FixedTimeProvider(new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero))); // Sunday, noon in Paris

    private DinerCheckout Checkout => app.Services.GetRequiredService<DinerCheckout>();

    [Fact]
    public async Task The_issuer_refuses_a_first_generation_card_not_allowed_on_Sundays_and_nothing_is_held()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, Swile(SwileCards.Balance50), TestPayers.Fresh()), CancellationToken.None);
        Assert.True(preview.IssuerMayRefuseToday);

        var outcome = await PayAsync(basket, SwileCards.Balance50, preview.Split!);

        Assert.Equal((CheckoutFailure.VoucherRefused, "Restricted Card"), (outcome.Failure, outcome.ProviderCode));
        Assert.All(app.Services.GetRequiredService<AdyenLedger>().Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    [Fact]
    public async Task A_first_generation_card_its_employer_allows_on_Sundays_pays()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, Swile(SwileCards.AllowedOnSundays), TestPayers.Fresh()), CancellationToken.None);

        var outcome = await PayAsync(basket, SwileCards.AllowedOnSundays, preview.Split!);

        Assert.True(outcome.Paid, outcome.ToString());
    }

    private Task<CheckoutOutcome> PayAsync(CheckoutBasket basket, string voucher, ConfirmedSplit confirmed) =>
        Checkout.PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, Swile(voucher), confirmed, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

    private static VoucherCard Swile(string number) => new(Core.VoucherIssuer.Swile, DinerBasket.Card(number));

    public void Dispose() => app.Dispose();
}
