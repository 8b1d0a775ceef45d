using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MealCheckout.Core.Payments;

/// <summary>
/// The one resilience pipeline of every provider call: a timeout over the whole call (every
/// attempt included, so an answer held past it is an unknown outcome, as a provider that committed
/// and went silent must be), and inside it retries of answers that prove nothing (a lost connection,
/// a 5xx, a 429: answers worth asking again), only for reads and for writes replayed with their first attempt's idempotency key.
/// </summary>
internal static class ProviderResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ProviderProtocol protocol, TimeSpan timeout) => pipeline
        .AddTimeout(timeout)
        .AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = args => ValueTask.FromResult(
                args.Context.GetRequestMessage() is { } request && protocol.MayResend(request) && WorthSendingAgain(args.Outcome)),
            OnRetry = args =>
            {
                if (args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    // Only a 429 says the provider did nothing; after anything else a refusal of the replay is not definite.
                    args.Context.GetRequestMessage()?.Options.Set(ProviderRequest.EarlierAttemptMayHaveActed, true);
                }
                return default;
            },
        });

    private static bool WorthSendingAgain(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or IOException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
