using System.Text.Json;

namespace MealCheckout.Core.Payments;

/// <summary>
/// How one provider's API spells what the shared transport needs to know: which calls only read,
/// where a write carries its idempotency key, and what an answer (status and body) means.
/// </summary>
internal abstract class ProviderProtocol
{
    /// <summary>The name errors and log lines give the provider ("Adyen", "Edenred").</summary>
    public abstract string Provider { get; }

    /// <summary>A call that moves no money (a GET, or a POST that only asks): safe to send again.</summary>
    public abstract bool IsRead(HttpRequestMessage request);

    /// <summary>The key the caller persisted before a write, or null for a write sent without one.</summary>
    public abstract string? IdempotencyKey(HttpRequestMessage request);

    public abstract ProviderAnswer Judge(int status, ReadOnlySpan<byte> body, bool isRead);

    /// <summary>Only reads and writes replayed with the key of their first attempt may be sent again: never a write without its key.</summary>
    public bool MayResend(HttpRequestMessage request) => IsRead(request) || !string.IsNullOrEmpty(IdempotencyKey(request));

    protected static bool IsSuccess(int status) => status is >= 200 and < 300;

    protected static bool IsJson(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return false;
        }
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
