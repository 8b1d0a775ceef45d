using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>
/// The Edenred SSO as the app needs it besides the login itself (which the web app's OpenID Connect
/// handler does): its discovery document, token refresh and the end-session address.
/// </summary>
public sealed class EdenredSso
{
    private readonly HttpClient http;
    private readonly EdenredOptions settings;
    private readonly IProviderAddressResolver addresses;
    private readonly TimeProvider time;
    private ConfigurationManager<OpenIdConnectConfiguration>? discovery;

    public EdenredSso(HttpClient http, IOptions<EdenredOptions> options, IProviderAddressResolver addresses, TimeProvider time)
    {
        this.http = http;
        settings = options.Value;
        this.addresses = addresses;
        this.time = time;
    }

    public Uri DiscoveryAddress => new(Authority, ".well-known/openid-configuration");

    private Uri Authority
    {
        get
        {
            var authority = addresses.Resolve(settings.Authority).ToString();
            return new Uri(authority.EndsWith('/') ? authority : authority + "/");
        }
    }

    /// <summary>The discovery document and its signing keys, cached and refreshed by the IdentityModel configuration manager.</summary>
    public Task<OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken cancellationToken)
    {
        discovery ??= new ConfigurationManager<OpenIdConnectConfiguration>(DiscoveryAddress.ToString(), new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http) { RequireHttps = DiscoveryAddress.Scheme == Uri.UriSchemeHttps });
        return discovery.GetConfigurationAsync(cancellationToken);
    }

    /// <summary>Trades the refresh token for new tokens (the refresh token rotates); null when Edenred refuses it.</summary>
    public async Task<EdenredTokens?> RefreshAsync(EdenredTokens current, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        using var response = await http.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = current.RefreshToken,
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ClientSecret,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var answer = await response.Content.ReadFromJsonAsync(EdenredSsoJsonContext.Default.TokenAnswer, cancellationToken);
        return answer is { AccessToken: { Length: > 0 } access }
            ? new EdenredTokens(access, answer.RefreshToken ?? current.RefreshToken, answer.IdToken ?? current.IdToken, time.GetUtcNow().AddSeconds(answer.ExpiresIn))
            : null;
    }

    /// <summary>Where to send the browser to log out of Edenred, coming back to <paramref name="postLogoutRedirectUri"/>.</summary>
    public async Task<string> EndSessionUrlAsync(string idToken, string postLogoutRedirectUri, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        return $"{configuration.EndSessionEndpoint}?id_token_hint={Uri.EscapeDataString(idToken)}&post_logout_redirect_uri={Uri.EscapeDataString(postLogoutRedirectUri)}";
    }

    internal sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("id_token")] string? IdToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

[JsonSerializable(typeof(EdenredSso.TokenAnswer))]
internal sealed partial class EdenredSsoJsonContext : JsonSerializerContext;
