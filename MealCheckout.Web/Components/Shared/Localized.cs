using System.Globalization;
using MealCheckout.Web.Localization;

namespace MealCheckout.Web.Components.Shared;

/// <summary>Picks the French or English text of a menu entry for the current culture.</summary>
public static class Localized
{
    public static string Pick(string french, string english) =>
        SupportedCultures.IsEnglish(CultureInfo.CurrentUICulture) ? english : french;
}
