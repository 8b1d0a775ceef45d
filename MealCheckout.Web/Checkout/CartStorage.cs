using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.JSInterop;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// The basket's copy in the tab's session storage, encrypted by Data Protection (app.js, <c>mealCheckout.cart</c>).
/// Not <c>ProtectedSessionStorage</c>: that passes its key and value to the browser as bare strings, and each circuit's
/// JSON options then build and keep metadata for <c>string</c> and its nine interfaces (docs/decisions/0024). Here the
/// browser knows the key, so reading passes nothing, and writing passes one <see cref="Entry"/>.
/// </summary>
public sealed class CartStorage(IJSRuntime js, IDataProtectionProvider protection)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>The stored basket, or null when there is none or it cannot be read (another key ring): start afresh rather than fail.</summary>
    public async Task<CartState.StoredCart?> ReadAsync()
    {
        var stored = await js.InvokeAsync<string?>("mealCheckout.cart.read");
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<CartState.StoredCart>(Protector().Unprotect(stored), Json);
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public async Task WriteAsync(CartState.StoredCart cart) =>
        await js.InvokeVoidAsync("mealCheckout.cart.write", new Entry(Protector().Protect(JsonSerializer.Serialize(cart, Json))));

    private IDataProtector Protector() => protection.CreateProtector("MealCheckout.Web.Checkout.CartStorage");

    /// <summary>A class with no interfaces, so the circuit learns about nothing but it and its one text.</summary>
    public sealed class Entry(string value)
    {
        public string Value { get; } = value;
    }
}
