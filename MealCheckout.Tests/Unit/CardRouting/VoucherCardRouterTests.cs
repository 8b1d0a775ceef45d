using MealCheckout.Core;
using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Restaurants;

namespace MealCheckout.Tests.Unit.CardRouting;

public sealed class VoucherCardRouterTests
{
    private const string Swile = "5356100000000015";
    private const string MixedBimpli = "4509030000000013";
    private const string ConecsPluxee = "5035450000000013";

    private static readonly VoucherCardRouter Router = new(new VoucherCardRanges(
    [
        new VoucherCardRange("535610", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile),
        new VoucherCardRange("450903", VoucherCardKind.Mixed, VoucherIssuer.Bimpli),
    ]));

    private static RestaurantSettings Accepting(params VoucherIssuer[] issuers) =>
        new(Guid.NewGuid(), "73282932000074", [.. issuers.Select(i => new IssuerSetting(i, true, "MID-" + i))]);

    private static VoucherCard Typed(VoucherIssuer picked, string number) =>
        new(picked, CardDetails.Parse(number, "12/30", "737", new DateOnly(2026, 12, 1)).Card!);

    [Fact]
    public void A_first_generation_card_goes_through_the_card_network_under_the_issuer_its_BIN_names()
    {
        var (card, refusal) = Router.Route(Typed(VoucherIssuer.Bimpli, Swile), Accepting(VoucherIssuer.Bimpli, VoucherIssuer.Swile));

        Assert.Null(refusal);
        Assert.Equal((VoucherIssuer.Swile, VoucherRoute.CardNetwork), (card!.Issuer, card.Route));
    }

    [Fact]
    public void A_first_generation_card_of_an_issuer_the_restaurant_does_not_accept_is_refused()
    {
        var (card, refusal) = Router.Route(Typed(VoucherIssuer.Swile, Swile), Accepting(VoucherIssuer.Bimpli));

        Assert.Null(card);
        Assert.Equal(CheckoutFailure.IssuerNotAccepted, refusal);
    }

    [Fact]
    public void A_mixed_card_goes_to_CONECS_when_the_restaurant_accepts_its_issuer_there()
    {
        var (card, _) = Router.Route(Typed(VoucherIssuer.Pluxee, MixedBimpli), Accepting(VoucherIssuer.Bimpli));

        Assert.Equal((VoucherIssuer.Bimpli, VoucherRoute.Conecs), (card!.Issuer, card.Route));
    }

    [Fact]
    public void A_mixed_card_goes_through_the_card_network_when_the_restaurant_does_not_accept_its_issuer()
    {
        var (card, refusal) = Router.Route(Typed(VoucherIssuer.Bimpli, MixedBimpli), Accepting(VoucherIssuer.Pluxee));

        Assert.Null(refusal);
        Assert.Equal((VoucherIssuer.Bimpli, VoucherRoute.CardNetwork), (card!.Issuer, card.Route));
    }

    [Fact]
    public void Any_other_card_goes_to_CONECS_as_the_brand_picked_if_the_restaurant_accepts_it()
    {
        Assert.Equal((VoucherIssuer.Pluxee, VoucherRoute.Conecs), Route(Router.Route(Typed(VoucherIssuer.Pluxee, ConecsPluxee), Accepting(VoucherIssuer.Pluxee)).Card));
        Assert.Equal(CheckoutFailure.IssuerNotAccepted, Router.Route(Typed(VoucherIssuer.Pluxee, ConecsPluxee), Accepting(VoucherIssuer.Bimpli)).Refusal);
    }

    [Fact]
    public void A_card_picked_as_a_first_generation_brand_outside_its_ranges_is_refused()
    {
        var (card, refusal) = Router.Route(Typed(VoucherIssuer.Swile, ConecsPluxee), Accepting(VoucherIssuer.Swile, VoucherIssuer.Pluxee));

        Assert.Null(card);
        Assert.Equal(CheckoutFailure.VoucherRefused, refusal);
    }

    [Fact]
    public void An_encrypted_card_is_routed_by_the_six_digits_its_field_reported()
    {
        var encrypted = EncryptedCard.From("n", "m", "y", "c", "mc", "0015", "535610")!;

        var (card, _) = Router.Route(new VoucherCard(VoucherIssuer.Bimpli, encrypted), Accepting(VoucherIssuer.Swile));

        Assert.Equal((VoucherIssuer.Swile, VoucherRoute.CardNetwork), (card!.Issuer, card.Route));
        Assert.Null(EncryptedCard.From("n", "m", "y", "c", "mc", "0015", "5356100000000015")!.Bin); // never more than the BIN
    }

    private static (VoucherIssuer, VoucherRoute) Route(VoucherCard? card) => (card!.Issuer, card.Route);

    [Theory]
    [InlineData("535610", VoucherIssuer.Swile, true)]
    [InlineData("450903", VoucherIssuer.Bimpli, true)]
    [InlineData("411111", VoucherIssuer.Swile, false)] // an ordinary Visa card the page reported as a Swile card
    [InlineData("450903", VoucherIssuer.Swile, false)] // another issuer's card
    [InlineData(null, VoucherIssuer.Swile, false)] // the provider said nothing: not trusted
    [InlineData("5356", VoucherIssuer.Swile, false)]
    public void Only_the_providers_BIN_of_the_issuers_range_confirms_a_card_network_voucher(string? providerBin, VoucherIssuer issuer, bool confirmed)
    {
        Assert.Equal(confirmed, Router.ProviderConfirms(issuer, providerBin));
    }
}
