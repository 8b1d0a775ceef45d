using System.Globalization;
using MealCheckout.Web.Localization;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Staff;

/// <summary>
/// Counted nouns in real plurals instead of "commande(s)": French puts 0 and 1 in the singular,
/// English only 1. A text has two resources, <c>{key}One</c> and <c>{key}Many</c>, each with a {0} for the count.
/// </summary>
public static class StaffPlurals
{
    public static string Count(IStringLocalizer text, string key, int count) =>
        string.Format(CultureInfo.CurrentCulture, text[key + (IsSingular(count) ? "One" : "Many")], count);

    private static bool IsSingular(int count) =>
        SupportedCultures.IsEnglish(CultureInfo.CurrentUICulture) ? count == 1 : count is 0 or 1;
}
