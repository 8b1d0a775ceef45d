using MealCheckout.Core.Payments;

namespace MealCheckout.Core.Restaurants;

/// <summary>Why a SIRET was refused.</summary>
public enum SiretError
{
    None,
    Missing,
    NotFourteenDigits,
    WrongCheckDigit,
}

/// <summary>
/// A French establishment number (SIRET): 14 digits, the 9-digit SIREN of the company then the
/// establishment's 5, carrying a Luhn key. La Poste's establishments (SIREN 356000000) are the one
/// exception INSEE documents: their digits sum to a multiple of 5 instead.
/// </summary>
public readonly record struct Siret
{
    private const string LaPosteSiren = "356000000";

    private Siret(string digits) => Digits = digits;

    public string Digits { get; }

    /// <summary>Reads a SIRET as people write it, with or without spaces ("123 456 789 00012").</summary>
    public static SiretError TryParse(string? text, out Siret siret)
    {
        siret = default;
        var digits = (text ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (digits.Length == 0)
        {
            return SiretError.Missing;
        }
        if (digits.Length != 14 || !digits.All(char.IsAsciiDigit))
        {
            return SiretError.NotFourteenDigits;
        }
        var keyHolds = digits.StartsWith(LaPosteSiren, StringComparison.Ordinal) ? digits.Sum(c => c - '0') % 5 == 0 : Luhn.IsValid(digits);
        if (!keyHolds)
        {
            return SiretError.WrongCheckDigit;
        }
        siret = new Siret(digits);
        return SiretError.None;
    }

    /// <summary>As INSEE prints it: "123 456 789 00012".</summary>
    public override string ToString() => Digits is null ? "" : $"{Digits[..3]} {Digits[3..6]} {Digits[6..9]} {Digits[9..]}";
}
