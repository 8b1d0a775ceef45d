using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MealCheckout.Sandbox;

namespace MealCheckout.Tests.Sandbox;

/// <summary>Raw calls to the emulated Direct Payment API with the document's headers.</summary>
public sealed class EdenredApiClient(SandboxHost host, string? accessToken)
{
    private static readonly EdenredSandboxOptions Defaults = new();

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? tweak = null)
    {
        using var client = host.Client();
        var request = new HttpRequestMessage(method, "sandbox/edenred-api" + path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        request.Headers.Add("X-Client-Id", Defaults.PaymentClientId);
        request.Headers.Add("X-Client-Secret", Defaults.PaymentClientSecret);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        tweak?.Invoke(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(int Status, JsonElement Body)> PostAsync(string path, object body, Action<HttpRequestMessage>? tweak = null) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.Serialize(body), tweak);

    public static string Tstamp() => DateTimeOffset.UtcNow.AddTicks(Random.Shared.Next()).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");

    public static string? ErrorCode(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("meta", out var meta) && meta.TryGetProperty("messages", out var messages) && messages.GetArrayLength() > 0
            ? messages[0].GetProperty("code").GetString()
            : null;
}
