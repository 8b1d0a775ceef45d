using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// The id of the tab's current payment attempt, which becomes the order's id. Kept in the tab's
/// protected session storage, so pressing Pay again after a reload in the middle of a payment finds
/// the same order instead of paying twice; a new id is made only once an attempt is settled.
/// </summary>
public sealed class CheckoutAttempt(ProtectedSessionStorage storage)
{
    private const string StorageKey = "mealcheckout.attempt.v1";

    private readonly HashSet<Guid> settledHere = [];
    private Guid? current;

    public async Task<Guid> CurrentAsync()
    {
        if (current is { } known)
        {
            return known;
        }
        current = await storage.ReadOrDefaultAsync<Guid?>(StorageKey);
        if (current is null)
        {
            current = Guid.NewGuid();
            await storage.SetAsync(StorageKey, current.Value);
        }
        return current.Value;
    }

    /// <summary>
    /// Whether this circuit settled the attempt that became <paramref name="orderId"/>: only then may
    /// an address carrying that id open its receipt (a copied address starts another circuit).
    /// </summary>
    public bool WasSettledHere(Guid orderId) => settledHere.Contains(orderId);

    /// <summary>The attempt is paid or definitely failed: the next press is a new attempt.</summary>
    public async Task SettledAsync()
    {
        if (current is { } settled)
        {
            settledHere.Add(settled);
        }
        current = Guid.NewGuid();
        await storage.SetAsync(StorageKey, current.Value);
    }
}
