using System.Text;
using System.Text.Json;
using MealCheckout.Sandbox;

namespace MealCheckout.Tests.Sandbox;

/// <summary>Raw calls to the emulated Adyen-style Checkout API.</summary>
public sealed class AdyenApiClient(SandboxHost host)
{
    public static readonly AdyenSandboxOptions Defaults = new();

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object body, string? idempotencyKey = null, string? apiKey = null)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/adyen/checkout/v71" + path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-Key", apiKey ?? Defaults.ApiKey);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        var response = await client.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static object Card(string number, string cvc = "737", string month = "12", string year = "2030", string type = "mealVoucher_FR") =>
        new { type, number, expiryMonth = month, expiryYear = year, cvc };

    public static object Eur(long value) => new { currency = "EUR", value };
}
