namespace MealCheckout.Core.Payments;

/// <summary>Why a card typed by the diner cannot be sent to a provider.</summary>
public enum CardProblem
{
    None,
    NumberMalformed,
    Expired,
    ExpiryMalformed,
    CvcMalformed,
}

/// <summary>
/// A card as typed by the diner. Held in memory for one payment only: never stored, never
/// logged (<see cref="ToString"/> shows the last four digits), checked before any provider call.
/// </summary>
public sealed class CardDetails : PaymentCard
{
    private CardDetails(string number, int expiryMonth, int expiryYear, string cvc)
    {
        Number = number;
        ExpiryMonth = expiryMonth;
        ExpiryYear = expiryYear;
        Cvc = cvc;
    }

    public string Number { get; }
    public int ExpiryMonth { get; }
    public int ExpiryYear { get; }
    public string Cvc { get; }

    public override string Last4 => Number[^4..];

    public override string? Bin => Number[..6];

    /// <summary>Parses what the diner typed (spaces allowed), refusing malformed or expired cards with the reason.</summary>
    public static (CardDetails? Card, CardProblem Problem) Parse(string? number, string? expiry, string? cvc, DateOnly today)
    {
        var digits = new string((number ?? "").Where(c => c != ' ' && c != '-').ToArray());
        if (digits.Length is < 12 or > 19 || !Luhn.IsValid(digits))
        {
            return (null, CardProblem.NumberMalformed);
        }
        if (!TryParseExpiry(expiry, out var month, out var year))
        {
            return (null, CardProblem.ExpiryMalformed);
        }
        // A card is valid through the last day of its expiry month.
        if (new DateOnly(year, month, 1).AddMonths(1) <= today)
        {
            return (null, CardProblem.Expired);
        }
        var code = (cvc ?? "").Trim();
        if (code.Length is < 3 or > 4 || !code.All(char.IsAsciiDigit))
        {
            return (null, CardProblem.CvcMalformed);
        }
        return (new CardDetails(digits, month, year, code), CardProblem.None);
    }

    public override string ToString() => $"card •••• {Last4}";

    private static bool TryParseExpiry(string? expiry, out int month, out int year)
    {
        month = year = 0;
        var parts = (expiry ?? "").Replace(" ", "", StringComparison.Ordinal).Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out month) || !int.TryParse(parts[1], out year) || month is < 1 or > 12)
        {
            return false;
        }
        year = year < 100 ? 2000 + year : year;
        return year is >= 2000 and <= 2100;
    }
}
