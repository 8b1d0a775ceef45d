using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MealCheckout.Sandbox.Adyen.SecuredFields;

/// <summary>
/// Reads the <c>encryptedCardNumber</c>, <c>encryptedExpiryMonth</c>, <c>encryptedExpiryYear</c> and
/// <c>encryptedSecurityCode</c> of a <c>paymentMethod</c>: each a compact JWE (RSA-OAEP-256 wrapping an
/// A256GCM key) whose payload names its field and carries the time it was made. The request is
/// rewritten with the clear fields, so the rest of the emulator sees the same card as with clear values.
/// Tampered, wrong-key and stale values are refused with the provider's error shape.
/// </summary>
public sealed class EncryptedCardFields(SecuredFieldsKey key, TimeProvider time, IOptions<SandboxOptions> options)
{
    /// <summary>Each encrypted field of the request and the clear field it stands for.</summary>
    private static readonly (string Encrypted, string Clear)[] Fields =
    [
        ("encryptedCardNumber", "number"),
        ("encryptedExpiryMonth", "expiryMonth"),
        ("encryptedExpiryYear", "expiryYear"),
        ("encryptedSecurityCode", "cvc"),
    ];

    // A browser's clock may run a little ahead of ours.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.Adyen.EncryptedCardLifetimeMinutes);

    /// <summary>The body with every encrypted field replaced by its clear value; the body itself when it has none.</summary>
    internal (JsonElement Body, AdyenAnswer? Problem) Decrypt(JsonElement body)
    {
        if (!body.TryGetProperty("paymentMethod", out var method) || method.ValueKind != JsonValueKind.Object
            || !Fields.Any(f => method.TryGetProperty(f.Encrypted, out _)))
        {
            return (body, null);
        }
        var clearMethod = JsonNode.Parse(method.GetRawText())!.AsObject();
        foreach (var (encrypted, clear) in Fields)
        {
            if (clearMethod[encrypted] is not { } node)
            {
                continue;
            }
            clearMethod.Remove(encrypted);
            var (value, problem) = Open(node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "", clear);
            if (problem is not null)
            {
                return (body, problem);
            }
            clearMethod[clear] = value;
        }
        var clearBody = JsonNode.Parse(body.GetRawText())!.AsObject();
        clearBody["paymentMethod"] = clearMethod;
        return (JsonDocument.Parse(clearBody.ToJsonString()).RootElement.Clone(), null);
    }

    private (string? Value, AdyenAnswer? Problem) Open(string jwe, string field)
    {
        var parts = jwe.Split('.');
        if (parts.Length != 5)
        {
            return (null, Undecryptable());
        }
        byte[] plaintext;
        try
        {
            using var header = JsonDocument.Parse(Base64Url.Decode(parts[0]));
            if (Str(header.RootElement, "alg") != SecuredFieldsKey.Algorithm || Str(header.RootElement, "enc") != SecuredFieldsKey.ContentEncryption
                || Str(header.RootElement, "kid") != key.KeyId)
            {
                return (null, Undecryptable());
            }
            var contentKey = key.Unwrap(Base64Url.Decode(parts[1]));
            var (iv, ciphertext, tag) = (Base64Url.Decode(parts[2]), Base64Url.Decode(parts[3]), Base64Url.Decode(parts[4]));
            plaintext = new byte[ciphertext.Length];
            using var aes = new AesGcm(contentKey, tag.Length);
            // The protected header is the additional authenticated data (RFC 7516 §5.1): changing it breaks the tag too.
            aes.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts[0]));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException or ArgumentException)
        {
            return (null, Undecryptable());
        }
        var (value, made) = ReadPayload(plaintext, field);
        if (value is null)
        {
            return (null, Undecryptable());
        }
        var now = time.GetUtcNow();
        if (made > now + ClockSkew || made < now - Lifetime)
        {
            return (null, AdyenAnswer.Error(422, "178", "Encrypted data used outside of valid time period."));
        }
        return (value, null);
    }

    /// <summary>The payload's value for <paramref name="field"/> and when the browser made it; a null value when it has neither.</summary>
    private static (string? Value, DateTimeOffset Made) ReadPayload(byte[] plaintext, string field)
    {
        try
        {
            using var payload = JsonDocument.Parse(plaintext);
            var value = Str(payload.RootElement, field);
            return value.Length > 0 && DateTimeOffset.TryParse(Str(payload.RootElement, "generationtime"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var made)
                ? (value, made)
                : (null, default);
        }
        catch (JsonException)
        {
            return (null, default);
        }
    }

    private static AdyenAnswer Undecryptable() => AdyenAnswer.Error(422, "174", "Unable to decrypt data.");

    private static string Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
