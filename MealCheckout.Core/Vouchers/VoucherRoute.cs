namespace MealCheckout.Core;

/// <summary>How a voucher is paid: the route decides its cap and its minimum transaction.</summary>
public enum VoucherRoute
{
    /// <summary>Second-generation CONECS cards (Bimpli, Pluxee, Up Déjeuner) through the Adyen-style API.</summary>
    Conecs,

    /// <summary>Edenred Ticket Restaurant through Edenred's own Direct Payment API.</summary>
    Edenred,
}

public static class VoucherRoutes
{
    public static VoucherRoute RouteOf(this VoucherIssuer issuer) => issuer == VoucherIssuer.Edenred ? VoucherRoute.Edenred : VoucherRoute.Conecs;
}
