using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Receipts;

/// <summary>What the paying browser keeps to open its receipt again: the order number and a secret.</summary>
public sealed record ReceiptKey(string OrderNumber, string Secret);

/// <summary>
/// Gives the browser that paid a key to its receipt: 256 random bits, of which only the SHA-256 is
/// stored. The key travels in the browser's protected storage, never in a URL, so a receipt link
/// shared, guessed or found in a history opens nothing elsewhere (docs/decisions).
/// </summary>
public sealed class ReceiptKeys(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    /// <summary>A new key to the receipt of a paid order (any earlier key stops working), or null when the order is not paid.</summary>
    public async Task<ReceiptKey?> IssueAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var hash = Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var issued = await db.Orders
            .Where(o => o.Id == orderId && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Refunded || o.Status == OrderStatus.PartiallyRefunded))
            .ExecuteUpdateAsync(set => set.SetProperty(o => o.ReceiptKeyHash, hash), cancellationToken);
        if (issued == 0)
        {
            return null;
        }
        var number = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync(cancellationToken);
        return new ReceiptKey(number, secret);
    }

    /// <summary>Whether <paramref name="secret"/> is the key whose hash was stored, compared in constant time.</summary>
    public static bool Opens(string? storedHash, string secret) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(secret)));

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
