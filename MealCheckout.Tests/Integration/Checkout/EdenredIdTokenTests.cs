using System.Security.Claims;
using System.Security.Cryptography;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The id_token of an Edenred login is checked against the SSO's discovery document and JWKS,
/// fetched over loopback from the sandbox: only a token signed by Edenred, for this client, still
/// valid, and carrying this login's nonce is accepted.
/// </summary>
public sealed class EdenredIdTokenTests : IDisposable
{
    private const string Nonce = "nonce-of-this-login";

    private readonly MealCheckoutAppFactory app = new();

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_token_signed_by_edenred_with_this_logins_nonce_is_accepted()
    {
        var idToken = await IdTokenAsync();

        var identity = await Get<EdenredSso>().ValidateIdTokenAsync(idToken, Nonce, CancellationToken.None);

        Assert.Equal("lerouxpablo@yopmail.com", identity.FindFirst("email")?.Value);
    }

    [Fact]
    public async Task A_token_carrying_another_nonce_is_refused()
    {
        var idToken = await IdTokenAsync();

        await Assert.ThrowsAsync<SecurityTokenException>(() => Get<EdenredSso>().ValidateIdTokenAsync(idToken, "nonce-of-another-login", CancellationToken.None));
    }

    [Fact]
    public async Task A_token_whose_signature_was_altered_is_refused()
    {
        var idToken = await IdTokenAsync();
        var parts = idToken.Split('.');
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        await Assert.ThrowsAsync<SecurityTokenException>(() => Get<EdenredSso>().ValidateIdTokenAsync(tampered, Nonce, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_signed_with_a_key_edenred_does_not_publish_is_refused()
    {
        var configuration = await Get<EdenredSso>().ConfigurationAsync(CancellationToken.None);
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = configuration.Issuer,
            Audience = Get<IOptions<EdenredOptions>>().Value.ClientId,
            Subject = new ClaimsIdentity([new Claim("sub", "lerouxpablo@yopmail.com")]),
            Claims = new Dictionary<string, object> { ["nonce"] = Nonce },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = configuration.SigningKeys.First().KeyId }, SecurityAlgorithms.RsaSha256),
        });

        await Assert.ThrowsAsync<SecurityTokenException>(() => Get<EdenredSso>().ValidateIdTokenAsync(forged, Nonce, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var idToken = await IdTokenAsync();
        var tomorrow = new FixedTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        using var http = new HttpClient();
        var sso = new EdenredSso(http, Get<IOptions<EdenredOptions>>(), Get<IProviderAddressResolver>(), tomorrow);

        await Assert.ThrowsAsync<SecurityTokenException>(() => sso.ValidateIdTokenAsync(idToken, Nonce, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_issued_for_another_client_is_refused()
    {
        var idToken = await IdTokenAsync();
        var otherClient = Options.Create(new EdenredOptions { Authority = Get<IOptions<EdenredOptions>>().Value.Authority, ClientId = "another-client" });
        using var http = new HttpClient();
        var sso = new EdenredSso(http, otherClient, Get<IProviderAddressResolver>(), TimeProvider.System);

        await Assert.ThrowsAsync<SecurityTokenException>(() => sso.ValidateIdTokenAsync(idToken, Nonce, CancellationToken.None));
    }

    private async Task<string> IdTokenAsync()
    {
        using var tokens = await EdenredLogin.TokensAsync(app.RootUri, "lerouxpablo@yopmail.com", Nonce);
        return tokens.RootElement.GetProperty("id_token").GetString()!;
    }

    public void Dispose() => app.Dispose();
}
