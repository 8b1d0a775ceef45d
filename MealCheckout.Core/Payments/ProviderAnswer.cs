namespace MealCheckout.Core.Payments;

/// <summary>What a provider's answer means for the caller, read by that provider's <see cref="ProviderProtocol"/>.</summary>
internal readonly record struct ProviderAnswer(ProviderAnswerKind Kind, string? ErrorCode = null, string? Message = null)
{
    public static ProviderAnswer Success => new(ProviderAnswerKind.Success);

    /// <summary>Nothing in the answer proves what the provider did: money may have moved.</summary>
    public static ProviderAnswer Unknown => new(ProviderAnswerKind.Unknown);

    /// <summary>The provider answered with one of its own errors: nothing happened, and its code says why.</summary>
    public static ProviderAnswer Refused(string errorCode, string? message) => new(ProviderAnswerKind.Refused, errorCode, message);
}

internal enum ProviderAnswerKind
{
    Success,
    Refused,
    Unknown,
}
