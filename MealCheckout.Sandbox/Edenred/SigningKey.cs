using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>The RSA key the emulated SSO signs id_tokens with, made at start and published in its JWKS.</summary>
internal sealed class SigningKey : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly RSA unpublished = RSA.Create(2048);

    public SigningKey()
    {
        Key = new RsaSecurityKey(rsa) { KeyId = NewKeyId() };
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256);
        UnpublishedCredentials = new SigningCredentials(new RsaSecurityKey(unpublished) { KeyId = NewKeyId() }, SecurityAlgorithms.RsaSha256);
    }

    public RsaSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>A key the JWKS never lists, for id_tokens the app must refuse (<see cref="IdTokenFault.UnknownSigningKey"/>).</summary>
    public SigningCredentials UnpublishedCredentials { get; }

    public object Jwks()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = Key.KeyId, n = SsoState.Base64Url(parameters.Modulus!), e = SsoState.Base64Url(parameters.Exponent!) },
            },
        };
    }

    public void Dispose()
    {
        rsa.Dispose();
        unpublished.Dispose();
    }

    private static string NewKeyId() => SsoState.Base64Url(RandomNumberGenerator.GetBytes(8));
}
