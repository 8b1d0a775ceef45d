using System.Security.Cryptography;

namespace MealCheckout.Sandbox.Adyen.SecuredFields;

/// <summary>
/// The emulated provider's encryption key pair for card data typed into its secured fields. The
/// private half never leaves the emulator; the public half is served as a JWK so the browser can
/// encrypt with Web Crypto. A new pair per process, like a rotated key.
/// </summary>
public sealed class SecuredFieldsKey : IDisposable
{
    public const string Algorithm = "RSA-OAEP-256";
    public const string ContentEncryption = "A256GCM";

    private readonly RSA rsa = RSA.Create(2048);

    public string KeyId { get; } = "sandbox-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    /// <summary>The public key as a JSON Web Key (RFC 7517), as the browser's <c>crypto.subtle.importKey("jwk", …)</c> takes it.</summary>
    public object PublicJwk()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new { kty = "RSA", alg = Algorithm, use = "enc", kid = KeyId, n = Base64Url.Encode(parameters.Modulus!), e = Base64Url.Encode(parameters.Exponent!) };
    }

    /// <summary>Unwraps a content key; throws <see cref="CryptographicException"/> when it was not wrapped with this key.</summary>
    internal byte[] Unwrap(byte[] wrapped) => rsa.Decrypt(wrapped, RSAEncryptionPadding.OaepSHA256);

    public void Dispose() => rsa.Dispose();
}

/// <summary>Base64url without padding (RFC 4648 §5), as JOSE writes it.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
