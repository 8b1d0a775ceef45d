using System.Text.Json;
using System.Text.Json.Serialization;
using MealCheckout.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Payments.Edenred;

/// <summary>The tokens of one Edenred login. Never logged, never sent to the browser.</summary>
public sealed record EdenredTokens(string AccessToken, string RefreshToken, string IdToken, DateTimeOffset AccessExpiresAt);

/// <summary>
/// A diner's Edenred login for one checkout in one browser; <see cref="ProtectedTokens"/> is a Data
/// Protection blob, <see cref="BrowserBindingHash"/> the hash of the secret the browser holds in an
/// HttpOnly cookie (the secret itself is never stored).
/// </summary>
public sealed class EdenredSignIn
{
    public Guid Id { get; init; }
    public Guid CheckoutId { get; init; }
    public string BrowserBindingHash { get; init; } = "";
    public string Username { get; init; } = "";
    public string ProtectedTokens { get; set; } = "";
    public DateTimeOffset AccessExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A stored login, its tokens readable again.</summary>
public sealed record EdenredSession(Guid Id, Guid CheckoutId, string Username, EdenredTokens Tokens);

/// <summary>
/// Keeps Edenred logins server-side, encrypted with Data Protection and bound to the browser that
/// logged in and to its checkout: a page finds its login by both, so the row's id never has to
/// leave the server, and a login made from someone else's link is useless to whoever wrote it.
/// </summary>
public sealed class EdenredSignIns(IDbContextFactory<MealCheckoutDbContext> contexts, IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector protector = protection.CreateProtector("MealCheckout.Edenred.Tokens.v1");

    public async Task<Guid> SaveAsync(Guid checkoutId, string browserBindingHash, string username, EdenredTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserBindingHash);
        var now = time.GetUtcNow();
        var signIn = new EdenredSignIn
        {
            Id = Guid.NewGuid(),
            CheckoutId = checkoutId,
            BrowserBindingHash = browserBindingHash,
            Username = username,
            ProtectedTokens = Protect(tokens),
            AccessExpiresAt = tokens.AccessExpiresAt,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.EdenredSignIns.Add(signIn);
        await db.SaveChangesAsync(cancellationToken);
        return signIn.Id;
    }

    /// <summary>The login, only if it was made for this checkout.</summary>
    public async Task<EdenredSession?> FindAsync(Guid signInId, Guid checkoutId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var signIn = await db.EdenredSignIns.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signInId && s.CheckoutId == checkoutId, cancellationToken);
        return signIn is null ? null : new EdenredSession(signIn.Id, signIn.CheckoutId, signIn.Username, Unprotect(signIn.ProtectedTokens));
    }

    /// <summary>The latest login this browser made for this checkout, if any.</summary>
    public async Task<EdenredSession?> FindForBrowserAsync(string browserBindingHash, Guid checkoutId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(browserBindingHash))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var signIn = await db.EdenredSignIns.AsNoTracking().Where(s => s.BrowserBindingHash == browserBindingHash && s.CheckoutId == checkoutId)
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return signIn is null ? null : new EdenredSession(signIn.Id, signIn.CheckoutId, signIn.Username, Unprotect(signIn.ProtectedTokens));
    }

    /// <summary>The diner's most recent login: what the reconciler replays a lost authorisation with.</summary>
    public async Task<EdenredSession?> LatestForAsync(string username, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var signIn = await db.EdenredSignIns.AsNoTracking().Where(s => s.Username == username)
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        return signIn is null ? null : new EdenredSession(signIn.Id, signIn.CheckoutId, signIn.Username, Unprotect(signIn.ProtectedTokens));
    }

    /// <summary>After a refresh: Edenred rotates refresh tokens, so the old one is useless from now on.</summary>
    public async Task ReplaceTokensAsync(Guid signInId, EdenredTokens tokens, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var signIn = await db.EdenredSignIns.FirstAsync(s => s.Id == signInId, cancellationToken);
        signIn.ProtectedTokens = Protect(tokens);
        signIn.AccessExpiresAt = tokens.AccessExpiresAt;
        signIn.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ForgetAsync(Guid signInId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.EdenredSignIns.Where(s => s.Id == signInId).ExecuteDeleteAsync(cancellationToken);
    }

    private string Protect(EdenredTokens tokens) => protector.Protect(JsonSerializer.Serialize(tokens, EdenredTokensJsonContext.Default.EdenredTokens));

    private EdenredTokens Unprotect(string protectedTokens) =>
        JsonSerializer.Deserialize(protector.Unprotect(protectedTokens), EdenredTokensJsonContext.Default.EdenredTokens)!;
}

[JsonSerializable(typeof(EdenredTokens))]
internal sealed partial class EdenredTokensJsonContext : JsonSerializerContext;
