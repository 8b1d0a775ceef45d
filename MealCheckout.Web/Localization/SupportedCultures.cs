using System.Globalization;

namespace MealCheckout.Web.Localization;

/// <summary>French first (the diners are in France), English on request.</summary>
public static class SupportedCultures
{
    public const string French = "fr-FR";
    public const string English = "en";

    public static readonly string[] All = [French, English];

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";
}
