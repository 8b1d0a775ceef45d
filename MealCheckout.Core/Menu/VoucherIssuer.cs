namespace MealCheckout.Core;

/// <summary>The meal-voucher brands the checkout accepts.</summary>
public enum VoucherIssuer
{
    /// <summary>Edenred Ticket Restaurant, paid through Edenred's own Direct Payment API after an OAuth login.</summary>
    Edenred,

    /// <summary>Bimpli (ex Apetiz, Natixis): CONECS card, Adyen-style brand <c>mealVoucher_FR_natixis</c>.</summary>
    Bimpli,

    /// <summary>Pluxee (ex Sodexo) Pass Restaurant: CONECS card, brand <c>mealVoucher_FR_sodexo</c>.</summary>
    Pluxee,

    /// <summary>Up Déjeuner: CONECS card, brand <c>mealVoucher_FR_groupeup</c>.</summary>
    UpDejeuner,

    /// <summary>Swile: a first-generation card (a Mastercard carrying Swile's logo), paid through the card network (<c>scheme</c>).</summary>
    Swile,
}

/// <summary>The one place an issuer's name is spelled; brand names read the same in every language.</summary>
public static class VoucherIssuerNames
{
    public static string DisplayName(this VoucherIssuer issuer) => issuer switch
    {
        VoucherIssuer.Edenred => "Edenred",
        VoucherIssuer.Bimpli => "Bimpli",
        VoucherIssuer.Pluxee => "Pluxee",
        VoucherIssuer.UpDejeuner => "Up Déjeuner",
        VoucherIssuer.Swile => "Swile",
        _ => throw new ArgumentOutOfRangeException(nameof(issuer), issuer, "Unknown voucher issuer."),
    };
}
