using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MealCheckout.Tests.Sandbox;

/// <summary>
/// Encrypts card fields in .NET exactly as the sandbox's secured fields do in the browser: a compact
/// JWE per field, RSA-OAEP-256 wrapping a fresh A256GCM key, the payload naming the field and the
/// generation time. Built from the public key the sandbox serves, as the frames are.
/// </summary>
public sealed class SecuredFieldsEncryption(string keyId, RSAParameters publicKey)
{
    public const string KeyPath = "sandbox/adyen/checkout/v71/securedfields/key";

    public string KeyId => keyId;

    public static async Task<SecuredFieldsEncryption> FetchAsync(HttpClient client)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>(KeyPath);
        var key = answer.GetProperty("key");
        return new SecuredFieldsEncryption(key.GetProperty("kid").GetString()!, new RSAParameters
        {
            Modulus = FromBase64Url(key.GetProperty("n").GetString()!),
            Exponent = FromBase64Url(key.GetProperty("e").GetString()!),
        });
    }

    /// <summary>A key pair the sandbox never made: what it encrypts, the sandbox cannot read.</summary>
    public static SecuredFieldsEncryption Foreign(string keyId)
    {
        using var rsa = RSA.Create(2048);
        return new SecuredFieldsEncryption(keyId, rsa.ExportParameters(false));
    }

    /// <summary>The four encrypted fields of a <c>paymentMethod</c>, made at <paramref name="madeAt"/>.</summary>
    public Dictionary<string, string> Card(string number, string month, string year, string cvc, DateTimeOffset madeAt) => new()
    {
        ["encryptedCardNumber"] = Encrypt("number", number, madeAt),
        ["encryptedExpiryMonth"] = Encrypt("expiryMonth", month, madeAt),
        ["encryptedExpiryYear"] = Encrypt("expiryYear", year, madeAt),
        ["encryptedSecurityCode"] = Encrypt("cvc", cvc, madeAt),
    };

    public string Encrypt(string field, string value, DateTimeOffset madeAt)
    {
        var header = ToBase64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RSA-OAEP-256", enc = "A256GCM", kid = keyId }));
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(12);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { [field] = value, ["generationtime"] = madeAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ") });
        var ciphertext = new byte[payload.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(contentKey, tag.Length))
        {
            aes.Encrypt(iv, payload, ciphertext, tag, Encoding.ASCII.GetBytes(header));
        }
        using var rsa = RSA.Create(publicKey);
        var wrapped = rsa.Encrypt(contentKey, RSAEncryptionPadding.OaepSHA256);
        return string.Join('.', header, ToBase64Url(wrapped), ToBase64Url(iv), ToBase64Url(ciphertext), ToBase64Url(tag));
    }

    public static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
