namespace MealCheckout.Core;

/// <summary>How a voucher is paid: the route decides its cap and its minimum transaction.</summary>
public enum VoucherRoute
{
    /// <summary>Second-generation CONECS cards (Bimpli, Pluxee, Up Déjeuner) through the Adyen-style API.</summary>
    Conecs,

    /// <summary>Edenred Ticket Restaurant through Edenred's own Direct Payment API.</summary>
    Edenred,

    /// <summary>
    /// First-generation cards (Visa or Mastercard carrying an issuer's logo) and mixed cards the restaurant
    /// does not take on CONECS, paid as cards (<c>scheme</c>) with the issuer's partial authorisation.
    /// They keep the CONECS cap and minimum: the law's EUR 25 a day and the gateway's EUR 1.50 apply to every card.
    /// </summary>
    CardNetwork,
}

public static class VoucherRoutes
{
    /// <summary>The route an issuer's own cards take; a mixed card may take the card network instead (see <c>VoucherCardRouter</c>).</summary>
    public static VoucherRoute RouteOf(this VoucherIssuer issuer) => issuer switch
    {
        VoucherIssuer.Edenred => VoucherRoute.Edenred,
        VoucherIssuer.Swile => VoucherRoute.CardNetwork,
        _ => VoucherRoute.Conecs,
    };
}
