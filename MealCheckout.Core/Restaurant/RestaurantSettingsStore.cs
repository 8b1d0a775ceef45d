using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Restaurants;

/// <summary>What a manager submits: the SIRET as typed and, per issuer, accepted or not and its merchant ID.</summary>
public sealed record RestaurantSettingsEdit(string Siret, IReadOnlyList<IssuerSetting> Issuers);

/// <summary>
/// Reads and saves the restaurant's settings. Every checkout reads them, so they are kept in memory for
/// <see cref="FreshFor"/> once read, and dropped at once on the instance where a manager saves; each save writes
/// its changes and their audit lines in one transaction.
/// </summary>
public sealed class RestaurantSettingsStore(IDbContextFactory<MealCheckoutDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// How long settings read from the database are trusted. Other instances behind the same load balancer learn
    /// of a manager's save only by reading again, so this bounds how long they keep an old brand or merchant ID.
    /// </summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (RestaurantSettings Settings, DateTimeOffset ReadAt)> cache = new();

    public async Task<RestaurantSettings> ReadAsync(Guid restaurantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(restaurantId, out var cached) && now - cached.ReadAt < FreshFor)
        {
            return cached.Settings;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var siret = await db.Restaurants.Where(r => r.Id == restaurantId).Select(r => r.Siret).SingleOrDefaultAsync(cancellationToken) ?? "";
        var rows = await db.RestaurantIssuers.AsNoTracking().Where(i => i.RestaurantId == restaurantId).ToListAsync(cancellationToken);
        var settings = new RestaurantSettings(restaurantId, siret,
            [.. Enum.GetValues<VoucherIssuer>().Select(issuer => rows.FirstOrDefault(r => r.Issuer == issuer) is { } row
                ? new IssuerSetting(issuer, row.Accepted, row.MerchantId) : new IssuerSetting(issuer, false, ""))]);
        cache[restaurantId] = (settings, now);
        return settings;
    }

    /// <summary>The changes to the settings, newest first.</summary>
    public async Task<IReadOnlyList<RestaurantSettingChange>> HistoryAsync(Guid restaurantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RestaurantSettingChanges.AsNoTracking().Where(c => c.RestaurantId == restaurantId)
            .OrderByDescending(c => c.Id).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="edit"/>, already checked by <see cref="RestaurantSettingsRules"/>, as <paramref name="changedBy"/>;
    /// returns how many settings changed (none: nothing is written).
    /// </summary>
    public async Task<int> SaveAsync(Guid restaurantId, RestaurantSettingsEdit edit, string changedBy, CancellationToken cancellationToken)
    {
        var problems = RestaurantSettingsRules.Check(edit);
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The settings were not checked before saving: {string.Join(", ", problems.Keys)}.", nameof(edit));
        }
        _ = Siret.TryParse(edit.Siret, out var siret);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var restaurant = await db.Restaurants.SingleAsync(r => r.Id == restaurantId, cancellationToken);
        var rows = await db.RestaurantIssuers.Where(i => i.RestaurantId == restaurantId).ToListAsync(cancellationToken);
        var changes = new List<RestaurantSettingChange>();
        void Record(string setting, string old, string @new)
        {
            if (old != @new)
            {
                changes.Add(new RestaurantSettingChange { RestaurantId = restaurantId, ChangedAt = now, ChangedBy = changedBy, Setting = setting, OldValue = old, NewValue = @new });
            }
        }

        Record("Siret", restaurant.Siret, siret.Digits);
        if (restaurant.Siret != siret.Digits)
        {
            await db.Restaurants.Where(r => r.Id == restaurantId).ExecuteUpdateAsync(set => set.SetProperty(r => r.Siret, siret.Digits), cancellationToken);
        }
        foreach (var wanted in edit.Issuers)
        {
            var row = rows.FirstOrDefault(r => r.Issuer == wanted.Issuer);
            if (row is null)
            {
                row = new RestaurantIssuer { RestaurantId = restaurantId, Issuer = wanted.Issuer };
                db.RestaurantIssuers.Add(row);
            }
            var merchantId = wanted.MerchantId.Trim();
            Record($"Accepted:{wanted.Issuer}", Flag(row.Accepted), Flag(wanted.Accepted));
            Record($"MerchantId:{wanted.Issuer}", row.MerchantId, merchantId);
            (row.Accepted, row.MerchantId) = (wanted.Accepted, merchantId);
        }
        if (changes.Count == 0)
        {
            return 0;
        }
        db.RestaurantSettingChanges.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.TryRemove(restaurantId, out _);
        return changes.Count;
    }

    private static string Flag(bool accepted) => accepted ? "yes" : "no";
}
