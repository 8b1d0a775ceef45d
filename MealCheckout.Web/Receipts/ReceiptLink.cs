using MealCheckout.Core.Receipts;
using Microsoft.AspNetCore.Components;

namespace MealCheckout.Web.Receipts;

/// <summary>
/// Opens the receipt of an order this circuit has just paid: gets a key to it, keeps the key in the
/// browser and shows /receipt/{order number}. The address names the order but opens nothing without
/// the key, so it can be bookmarked in this browser and is useless in any other.
/// </summary>
public sealed class ReceiptLink(ReceiptKeys keys, BrowserReceiptKeys browser, NavigationManager navigation)
{
    public static string PathOf(string orderNumber) => $"/receipt/{Uri.EscapeDataString(orderNumber)}";

    /// <summary>False when the order is not paid (there is no receipt to open yet).</summary>
    public async Task<bool> OpenAsync(Guid paidOrderId)
    {
        if (await keys.IssueAsync(paidOrderId) is not { } key)
        {
            return false;
        }
        await browser.RememberAsync(key);
        navigation.NavigateTo(PathOf(key.OrderNumber), replace: true);
        return true;
    }
}
