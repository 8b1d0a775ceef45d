using System.Text.RegularExpressions;

namespace MealCheckout.Core.Restaurants;

/// <summary>What a settings form may hold, as problems keyed by field ("Siret", "MerchantId:Bimpli").</summary>
public enum SettingsProblem
{
    SiretMissing,
    SiretNotFourteenDigits,
    SiretWrongCheckDigit,
    MerchantIdMissing,
    MerchantIdMalformed,
}

public static partial class RestaurantSettingsRules
{
    public const int MerchantIdMaxLength = 64;

    /// <summary>The field each problem belongs to; empty when the edit can be saved.</summary>
    public static IReadOnlyDictionary<string, SettingsProblem> Check(RestaurantSettingsEdit edit)
    {
        var problems = new Dictionary<string, SettingsProblem>();
        switch (Siret.TryParse(edit.Siret, out _))
        {
            case SiretError.Missing: problems["Siret"] = SettingsProblem.SiretMissing; break;
            case SiretError.NotFourteenDigits: problems["Siret"] = SettingsProblem.SiretNotFourteenDigits; break;
            case SiretError.WrongCheckDigit: problems["Siret"] = SettingsProblem.SiretWrongCheckDigit; break;
        }
        foreach (var issuer in edit.Issuers)
        {
            var merchantId = issuer.MerchantId.Trim();
            if (issuer.Accepted && merchantId.Length == 0)
            {
                problems[$"MerchantId:{issuer.Issuer}"] = SettingsProblem.MerchantIdMissing;
            }
            else if (merchantId.Length > 0 && (merchantId.Length > MerchantIdMaxLength || !MerchantIdShape().IsMatch(merchantId)))
            {
                problems[$"MerchantId:{issuer.Issuer}"] = SettingsProblem.MerchantIdMalformed;
            }
        }
        return problems;
    }

    // Issuers' merchant IDs are letters, digits, dashes and underscores (Edenred's MID is digits; Adyen's accounts are names).
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex MerchantIdShape();
}
