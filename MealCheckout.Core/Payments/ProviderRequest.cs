using Refit;

namespace MealCheckout.Core.Payments;

/// <summary>What the transport reads from, and notes on, a provider request besides its HTTP form.</summary>
internal static class ProviderRequest
{
    /// <summary>Refit <c>[Property]</c> name carrying the idempotency key of a write whose key travels in its body (Edenred's tstamp).</summary>
    public const string IdempotencyKeyName = "MealCheckout.IdempotencyKey";

    public static readonly HttpRequestOptionsKey<string> IdempotencyKey = new(IdempotencyKeyName);

    /// <summary>Set when an earlier attempt of this request got no answer that proves nothing happened.</summary>
    public static readonly HttpRequestOptionsKey<bool> EarlierAttemptMayHaveActed = new("MealCheckout.EarlierAttemptMayHaveActed");

    private static readonly HttpRequestOptionsKey<string> MethodName = new(HttpRequestMessageOptions.MethodName);
    private static readonly HttpRequestOptionsKey<string> PathTemplate = new(HttpRequestMessageOptions.RelativePathTemplate);

    /// <summary>The Refit interface method that made the request.</summary>
    public static string? Method(HttpRequestMessage request) => request.Options.TryGetValue(MethodName, out var name) ? name : null;

    /// <summary>The route template ("/payments/{pspReference}/captures"): names the call without an id, a username or a token.</summary>
    public static string Operation(HttpRequestMessage request) =>
        request.Options.TryGetValue(PathTemplate, out var template) ? template : request.Method.Method;

    public static bool MayHaveActedBefore(HttpRequestMessage request) =>
        request.Options.TryGetValue(EarlierAttemptMayHaveActed, out var acted) && acted;
}
