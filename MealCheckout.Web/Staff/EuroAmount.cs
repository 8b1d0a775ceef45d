using System.Globalization;
using MealCheckout.Core;

namespace MealCheckout.Web.Staff;

/// <summary>An amount of euros as a manager types it ("5,50", "5.50", "5,50 €") read into cents, or nothing.</summary>
public static class EuroAmount
{
    public static bool TryParse(string? text, CultureInfo culture, out Money amount)
    {
        amount = Money.Zero;
        var cleaned = (text ?? "").Replace("€", "", StringComparison.Ordinal).Replace('\u00a0', ' ').Replace('\u202f', ' ').Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, culture, out var euros)
            && !decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out euros))
        {
            return false;
        }
        if (euros <= 0 || decimal.Round(euros, 2) != euros || euros > 1_000_000)
        {
            return false;
        }
        amount = Money.FromCents((long)(euros * 100));
        return true;
    }

    /// <summary>The amount as the field shows it to start with: "5,50" in French, "5.50" in English.</summary>
    public static string Format(Money amount, CultureInfo culture) => (amount.Cents / 100m).ToString("0.00", culture);
}
