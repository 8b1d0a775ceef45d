using MealCheckout.Core.Receipts;
using MealCheckout.Web.Checkout;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MealCheckout.Web.Receipts;

/// <summary>
/// The receipt keys this browser holds, in its protected local storage (encrypted by Data
/// Protection): every tab of the browser that paid can open the receipt again, no other browser can.
/// </summary>
public sealed class BrowserReceiptKeys(ProtectedLocalStorage storage)
{
    private const string StorageKey = "mealcheckout.receipts.v1";

    /// <summary>Enough for a diner's recent meals; the oldest key is forgotten first.</summary>
    private const int Kept = 20;

    public async Task RememberAsync(ReceiptKey key)
    {
        var kept = await ReadAsync();
        kept.RemoveAll(k => k.OrderNumber == key.OrderNumber);
        kept.Insert(0, key);
        await storage.SetAsync(StorageKey, kept.Take(Kept).ToList());
    }

    public async Task<ReceiptKey?> FindAsync(string orderNumber) =>
        (await ReadAsync()).FirstOrDefault(k => k.OrderNumber == orderNumber);

    private async Task<List<ReceiptKey>> ReadAsync() => await storage.ReadOrDefaultAsync<List<ReceiptKey>>(StorageKey) ?? [];
}
