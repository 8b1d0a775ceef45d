using Polly;
using Polly.Retry;

namespace MealCheckout.Core.Payments;

/// <summary>
/// The resilience every provider call gets: a per-call timeout, and retries only of answers that
/// prove nothing happened (<see cref="TransientProviderException"/>), so a retry never acts twice.
/// </summary>
public static class ProviderResilience
{
    public static ResiliencePipeline Pipeline(int timeoutSeconds) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransientProviderException>(),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
        })
        .AddTimeout(TimeSpan.FromSeconds(timeoutSeconds))
        .Build();
}

/// <summary>An answer that proves the provider did nothing (or a replay that cannot act twice): safe to retry.</summary>
internal sealed class TransientProviderException(int status, Exception? inner) : Exception("Transient provider failure.", inner)
{
    public int Status { get; } = status;
}
