using MealCheckout.Core.Checkout;
using MealCheckout.Core.Restaurants;

namespace MealCheckout.Core.CardRouting;

/// <summary>
/// Decides how a voucher card the diner typed is paid, from its BIN and the restaurant's settings:
/// a first-generation card through the card network; a mixed card through CONECS when the restaurant
/// accepts its issuer there, otherwise through the card network; any other card through CONECS as the
/// brand the diner picked. The BIN decides the issuer whatever brand was picked.
/// </summary>
public sealed class VoucherCardRouter(VoucherCardRanges ranges)
{
    /// <summary>The refusal code of a card-network voucher whose card, as the provider read it, is not the issuer's (see <see cref="ProviderConfirms"/>).</summary>
    public const string NotAVoucherCard = "NOT_A_VOUCHER_CARD";

    /// <summary>The card with the issuer and route it is paid by, or why this restaurant cannot take it.</summary>
    public (VoucherCard? Card, CheckoutFailure? Refusal) Route(VoucherCard typed, RestaurantSettings settings)
    {
        var range = ranges.Recognise(typed.Card.Bin);
        return range switch
        {
            { Kind: VoucherCardKind.FirstGeneration } => settings.Accepts(range.Issuer)
                ? (Through(typed, range.Issuer, VoucherRoute.CardNetwork), null)
                : (null, CheckoutFailure.IssuerNotAccepted),
            // A mixed card. The card acceptance contract takes any Visa or Mastercard: it is never turned away.
            { } => (Through(typed, range.Issuer, settings.Accepts(range.Issuer) ? VoucherRoute.Conecs : VoucherRoute.CardNetwork), null),
            // A brand that only has first-generation cards, with a number outside its ranges: not one of its cards.
            null when typed.Issuer.RouteOf() == VoucherRoute.CardNetwork => (null, CheckoutFailure.VoucherRefused),
            null => settings.Accepts(typed.Issuer) ? (Through(typed, typed.Issuer, VoucherRoute.Conecs), null) : (null, CheckoutFailure.IssuerNotAccepted),
        };
    }

    /// <summary>
    /// Whether the card the provider read (its <c>additionalData.cardBin</c>) is a voucher card of <paramref name="issuer"/>,
    /// as the route chosen from the browser's BIN assumed. The browser's report decides the route but not the settlement:
    /// an ordinary card reported with a Swile BIN, or an answer without a BIN, is not counted as a voucher.
    /// </summary>
    public bool ProviderConfirms(VoucherIssuer issuer, string? providerBin) =>
        ranges.Recognise(providerBin) is { } range && range.Issuer == issuer;

    private static VoucherCard Through(VoucherCard typed, VoucherIssuer issuer, VoucherRoute route) => typed with { Issuer = issuer, Route = route };
}
