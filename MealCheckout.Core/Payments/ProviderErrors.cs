namespace MealCheckout.Core.Payments;

/// <summary>
/// The call may or may not have reached the provider (timeout, dropped connection, 5xx after
/// sending): money might have moved. Resolve it by asking the provider or replaying with the same
/// idempotency key, never by a fresh call.
/// </summary>
public sealed class ProviderOutcomeUnknownException(string provider, string operation, Exception? inner = null)
    : Exception($"{provider} {operation}: the outcome is unknown.", inner)
{
    public string Provider { get; } = provider;
    public string Operation { get; } = operation;
}

/// <summary>The provider answered with an error: its HTTP status and its own error code are kept.</summary>
public sealed class ProviderErrorException(string provider, string operation, int httpStatus, string errorCode, string? message)
    : Exception($"{provider} {operation} answered {httpStatus} {errorCode}: {message}")
{
    public string Provider { get; } = provider;
    public string Operation { get; } = operation;
    public int HttpStatus { get; } = httpStatus;
    public string ErrorCode { get; } = errorCode;
}

/// <summary>Where a provider lives; relative addresses mean "this app" (the built-in sandbox).</summary>
public interface IProviderAddressResolver
{
    Uri Resolve(string configuredBaseAddress);
}

/// <summary>Accepts absolute addresses only: what a deployment against the real providers uses.</summary>
public sealed class AbsoluteAddressResolver : IProviderAddressResolver
{
    public Uri Resolve(string configuredBaseAddress) =>
        !configuredBaseAddress.StartsWith('/') && Uri.TryCreate(configuredBaseAddress, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Provider address '{configuredBaseAddress}' must be absolute.");
}
