using MealCheckout.Core;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Staff.Detail;
using MealCheckout.Core.Staff.History;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Staff;

/// <summary>
/// How staff read a payment leg: the voucher brand and its account without the fingerprint, or the card
/// scheme and last four ("Visa •••• 1111"); a scheme the app does not know is just "Carte" / "Card".
/// </summary>
public static class StaffLegNames
{
    /// <summary>A voucher card paid through the card network also names its network: "Swile •••• 0015 · Mastercard".</summary>
    public static string Of(IStringLocalizer<StaffOperationsText> text, PaymentLeg leg) =>
        leg.Kind == LegKind.Voucher ? LegLabel.Of(leg) : Of(text, leg.Kind, leg.Issuer, leg.VoucherAccount, leg.CardBrand, leg.CardLast4);

    public static string Of(IStringLocalizer<StaffOperationsText> text, OrderHistoryLeg leg) =>
        Of(text, leg.Kind, leg.Issuer, leg.VoucherAccount, leg.CardBrand, leg.CardLast4);

    private static string Of(IStringLocalizer<StaffOperationsText> text, LegKind kind, VoucherIssuer? issuer, string? voucherAccount, string? cardBrand, string? cardLast4) =>
        kind == LegKind.Voucher
            ? $"{issuer?.DisplayName()} {LegLabel.VoucherAccountShown(voucherAccount)}".Trim()
            : $"{CardSchemes.DisplayName(cardBrand) ?? text["CardUnknownScheme"]} •••• {cardLast4}";
}
