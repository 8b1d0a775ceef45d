using MealCheckout.Core;

namespace MealCheckout.Web.Checkout;

/// <summary>Voucher brands as a diner reads them in a sentence: "Bimpli, Pluxee, Swile".</summary>
public static class IssuerNames
{
    public static string Join(IEnumerable<VoucherIssuer> issuers) => string.Join(", ", issuers.Select(i => i.DisplayName()));
}
