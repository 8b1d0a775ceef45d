using System.Security.Cryptography;
using System.Text;

namespace MealCheckout.Sandbox.Adyen;

/// <summary>
/// The provider's alias of a card number (Adyen's <c>additionalData.alias</c>): the same for every
/// payment with the card, and not the number, so a merchant can recognise a card it never sees.
/// </summary>
internal static class CardAlias
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("sandbox-card-alias");

    public static string Of(string cardNumber)
    {
        var hash = HMACSHA256.HashData(Secret, Encoding.ASCII.GetBytes(cardNumber));
        var digits = string.Concat(hash.Take(15).Select(b => (char)('0' + b % 10)));
        return "H" + digits;
    }
}
