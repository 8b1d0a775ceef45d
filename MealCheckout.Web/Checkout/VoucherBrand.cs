using MealCheckout.Core;

namespace MealCheckout.Web.Checkout;

/// <summary>A meal-voucher brand the diner can pick, with our own logo.</summary>
public sealed record VoucherBrand(string PaymentMethodType, VoucherIssuer Issuer, string Logo)
{
    /// <summary>CONECS brands as the Adyen-style API names them (mealVoucher_FR_natixis is Bimpli, ex Apetiz).</summary>
    public static readonly IReadOnlyList<VoucherBrand> Conecs =
    [
        new("mealVoucher_FR_natixis", VoucherIssuer.Bimpli, "img/brands/bimpli.svg"),
        new("mealVoucher_FR_sodexo", VoucherIssuer.Pluxee, "img/brands/pluxee.svg"),
        new("mealVoucher_FR_groupeup", VoucherIssuer.UpDejeuner, "img/brands/up-dejeuner.svg"),
    ];

    /// <summary>
    /// Swile's first-generation cards are Mastercards: paid through the card network (<c>scheme</c>), offered when the
    /// restaurant accepts Swile. Any card whose number is in a first-generation or mixed range is routed by it, whatever brand is picked.
    /// </summary>
    public static readonly VoucherBrand Swile = new("scheme", VoucherIssuer.Swile, "img/brands/swile.svg");

    /// <summary>Edenred is paid through its own API after the diner logs in, not through Adyen.</summary>
    public static readonly VoucherBrand Edenred = new("edenred", VoucherIssuer.Edenred, "img/brands/edenred.svg");

    public string Name => Issuer.DisplayName();

    public static VoucherBrand? ForPaymentMethod(string type) => Conecs.FirstOrDefault(b => b.PaymentMethodType == type);
}
