using System.Security.Cryptography;
using System.Text;
using MealCheckout.Core.Payments;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Names a CONECS card for the daily cap without keeping its number: the last four digits for
/// people, and a keyed hash (HMAC-SHA256 with a server secret) so two cards ending alike stay apart.
/// </summary>
public sealed class VoucherCardFingerprint(byte[] key)
{
    public string AccountOf(CardDetails card)
    {
        var hash = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(card.Number));
        return $"•••• {card.Last4} #{Convert.ToHexString(hash, 0, 6).ToLowerInvariant()}";
    }
}
