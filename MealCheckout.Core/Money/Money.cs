using System.Globalization;

namespace MealCheckout.Core;

/// <summary>
/// An amount of euros held as integer cents. Never negative: refunds and reversals are
/// separate movements, not negative amounts.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public long Cents { get; }

    public Money(long cents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cents);
        Cents = cents;
    }

    public static Money FromCents(long cents) => new(cents);

    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents));

    /// <summary>Subtracts, refusing to go below zero: callers that may overshoot use <see cref="SaturatingMinus"/>.</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents));

    public static Money operator *(Money a, int quantity)
    {
        // Refused even for zero: a negative quantity is a bug wherever it appears.
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        return new(checked(a.Cents * quantity));
    }

    public static bool operator <(Money a, Money b) => a.Cents < b.Cents;
    public static bool operator >(Money a, Money b) => a.Cents > b.Cents;
    public static bool operator <=(Money a, Money b) => a.Cents <= b.Cents;
    public static bool operator >=(Money a, Money b) => a.Cents >= b.Cents;

    /// <summary>a − b, or zero when b is larger (what is left of a cap once spending passed it).</summary>
    public Money SaturatingMinus(Money other) => Cents > other.Cents ? new(Cents - other.Cents) : Zero;

    public static Money Min(Money a, Money b) => a.Cents <= b.Cents ? a : b;

    public static Money Max(Money a, Money b) => a.Cents >= b.Cents ? a : b;

    public bool IsZero => Cents == 0;

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    /// <summary>
    /// Formats as euros for the given culture ("12,50 €" in fr-FR, "€12.50" in en). Spaces become
    /// no-break spaces: an amount never wraps across lines, whatever the platform's culture data uses.
    /// </summary>
    public string Format(CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = "€";
        return (Cents / 100m).ToString("C2", format).Replace(' ', '\u00a0').Replace('\u202f', '\u00a0');
    }

    public override string ToString() => Format(CultureInfo.InvariantCulture);
}
