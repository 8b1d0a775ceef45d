using System.Security.Cryptography;
using System.Text;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Names a CONECS card for the daily cap and the per-card limits without keeping its number: the last
/// four digits for people, and a keyed hash (HMAC-SHA256 with a server secret) so two cards ending
/// alike stay apart. With secured fields the app never sees the number: the card is named by the
/// provider's alias of it (<c>additionalData.alias</c> of the balance check), which is what a clear
/// card is named by too once the provider has answered, so both ways of paying count on one account.
/// </summary>
public sealed class VoucherCardFingerprint(byte[] key)
{
    /// <summary>A clear card, named before any provider call (per-card limits of server-to-server callers).</summary>
    public string? BeforeProviderCall(PaymentCard card) => card is CardDetails clear ? Account(clear.Last4, "number:" + clear.Number) : null;

    /// <summary>
    /// The card as the provider's balance check named it. Without an alias, an encrypted card can only be
    /// named by its last four digits: cards ending alike then share one daily cap, the cautious way round.
    /// </summary>
    public string AccountOf(PaymentCard card, BalanceResponse balance)
    {
        var data = balance.AdditionalData;
        var last4 = data?.GetValueOrDefault("cardSummary") is { Length: 4 } summary && summary.All(char.IsAsciiDigit) ? summary : card.Last4;
        return data?.GetValueOrDefault("alias") is { Length: > 0 } alias ? Account(last4, "alias:" + alias)
            : BeforeProviderCall(card) ?? $"•••• {last4}";
    }

    /// <summary>
    /// A card no provider has named yet (a card-network voucher, which has no balance check): by its number when
    /// clear; an encrypted card by its BIN and last four digits, so cards alike share one daily cap, the cautious way round.
    /// </summary>
    public string OfUnreadCard(PaymentCard card) => BeforeProviderCall(card) ?? (card.Bin is { } bin ? $"•••• {card.Last4} #{bin}" : $"•••• {card.Last4}");

    private string Account(string last4, string identity)
    {
        var hash = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(identity));
        return $"•••• {last4} #{Convert.ToHexString(hash, 0, 6).ToLowerInvariant()}";
    }
}
