using System.Globalization;

namespace MealCheckout.Core;

/// <summary>
/// A French VAT rate in basis points (1000 = 10 %). Menu prices are tax-included (TTC), so the
/// tax is worked out of a gross amount rather than added to a net one.
/// </summary>
public readonly record struct VatRate
{
    /// <summary>Food and non-alcoholic drinks for immediate consumption, on site or to take away (CGI art. 279 m).</summary>
    public static readonly VatRate Reduced = new(1000);

    /// <summary>Alcoholic drinks, whatever the setting (CGI art. 278).</summary>
    public static readonly VatRate Standard = new(2000);

    /// <summary>Outside the scope of VAT: a tip handed in full to the staff.</summary>
    public static readonly VatRate None = new(0);

    public VatRate(int basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(basisPoints, 10000);
        BasisPoints = basisPoints;
    }

    public int BasisPoints { get; }

    /// <summary>The rate a line gets when its menu item does not set one.</summary>
    public static VatRate DefaultFor(ItemKind kind) => kind switch
    {
        ItemKind.Alcohol => Standard,
        ItemKind.Tip => None,
        _ => Reduced, // food, soft drinks, and the delivery, service and packaging that go with them
    };

    /// <summary>
    /// The tax contained in a tax-included amount: gross × rate / (1 + rate), rounded to the cent
    /// half away from zero. Applied once per rate to the total of that rate, never per line, so the
    /// receipt's tax is what the accountant finds by recomputing from the totals.
    /// </summary>
    public Money TaxIncludedIn(Money gross)
    {
        var numerator = checked(gross.Cents * BasisPoints);
        long denominator = 10000 + BasisPoints;
        var tax = numerator / denominator;
        // Amounts are never negative, so "half away from zero" is "half up".
        return Money.FromCents(2 * (numerator % denominator) >= denominator ? tax + 1 : tax);
    }

    /// <summary>"10 %" with a no-break space in French, "10%" in English; "5,5 %" keeps its decimal.</summary>
    public string Format(CultureInfo culture)
    {
        var number = (BasisPoints / 100m).ToString("0.##", culture);
        return culture.TwoLetterISOLanguageName == "fr" ? number + "\u00a0%" : number + "%";
    }

    public override string ToString() => Format(CultureInfo.InvariantCulture);
}
