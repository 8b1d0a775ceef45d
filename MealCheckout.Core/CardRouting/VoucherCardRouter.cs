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

    private static VoucherCard Through(VoucherCard typed, VoucherIssuer issuer, VoucherRoute route) => typed with { Issuer = issuer, Route = route };
}
