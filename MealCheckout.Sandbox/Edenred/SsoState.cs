using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>An authorization code waiting for its one exchange.</summary>
internal sealed record IssuedCode(string Username, string ClientId, string RedirectUri, string CodeChallenge, string Scope, string? Nonce, DateTimeOffset ExpiresAt);

internal sealed record IssuedToken(string Username, string ClientId, string Scope, DateTimeOffset ExpiresAt);

/// <summary>Codes and tokens of the emulated SSO, for the app's lifetime.</summary>
internal sealed class SsoState(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedCode> codes = new();
    private readonly ConcurrentDictionary<string, IssuedToken> accessTokens = new();
    private readonly ConcurrentDictionary<string, IssuedToken> refreshTokens = new();

    public string IssueCode(IssuedCode code)
    {
        var value = NewSecret();
        codes[value] = code;
        return value;
    }

    /// <summary>A code is burned by any attempt to use it, successful or not (Edenred's rule).</summary>
    public IssuedCode? Burn(string code) => codes.TryRemove(code, out var issued) ? issued : null;

    public (string Access, string Refresh) IssueTokens(string username, string clientId, string scope, TimeSpan accessLifetime, TimeSpan refreshLifetime)
    {
        var now = time.GetUtcNow();
        var access = NewSecret();
        var refresh = NewSecret();
        accessTokens[access] = new IssuedToken(username, clientId, scope, now + accessLifetime);
        refreshTokens[refresh] = new IssuedToken(username, clientId, scope, now + refreshLifetime);
        return (access, refresh);
    }

    public IssuedToken? FindAccess(string token) =>
        accessTokens.TryGetValue(token, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;

    /// <summary>Refresh tokens rotate: using one retires it.</summary>
    public IssuedToken? UseRefresh(string token) =>
        refreshTokens.TryRemove(token, out var issued) && issued.ExpiresAt > time.GetUtcNow() ? issued : null;

    /// <summary>Logout: every token of the user stops working.</summary>
    public void RevokeAll(string username)
    {
        foreach (var (key, token) in accessTokens.Where(t => t.Value.Username == username))
        {
            accessTokens.TryRemove(key, out _);
        }
        foreach (var (key, token) in refreshTokens.Where(t => t.Value.Username == username))
        {
            refreshTokens.TryRemove(key, out _);
        }
    }

    public DateTimeOffset Now => time.GetUtcNow();

    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
