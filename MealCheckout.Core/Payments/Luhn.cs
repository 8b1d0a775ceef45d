namespace MealCheckout.Core.Payments;

/// <summary>The mod-10 check digit every payment card number carries; catches most typos before any call.</summary>
public static class Luhn
{
    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.IsEmpty)
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[digits.Length - 1 - i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
            var digit = c - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
