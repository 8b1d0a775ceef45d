using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace MealCheckout.Core.Payments;

/// <summary>Where a provider's API lives, how long a call may take, and the headers every call carries (its credentials).</summary>
internal sealed record ProviderEndpoint(string BaseAddress, int TimeoutSeconds, IReadOnlyList<KeyValuePair<string, string>> Headers);

internal static class ProviderApiRegistration
{
    /// <summary>
    /// A source-generated Refit client of one provider behind the shared call handler and resilience pipeline.
    /// Callers take a <see cref="Func{TApi}"/> and resolve the client at each call: a relative provider
    /// address is known only once the server listens, and singletons (the reconciler) hold the callers.
    /// </summary>
    public static void AddProviderApi<TApi, TOptions>(
        this IServiceCollection services, ProviderProtocol protocol, JsonSerializerContext json, string logCategory, Func<TOptions, ProviderEndpoint> endpoint)
        where TApi : class
        where TOptions : class
    {
        services.AddRefitGeneratedClient<TApi>(_ => Settings(protocol, json))
            .ConfigureHttpClient((sp, client) =>
            {
                var settings = endpoint(sp.GetRequiredService<IOptions<TOptions>>().Value);
                client.BaseAddress = sp.GetRequiredService<IProviderAddressResolver>().Resolve(settings.BaseAddress);
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline times calls out
                foreach (var (name, value) in settings.Headers)
                {
                    client.DefaultRequestHeaders.Add(name, value);
                }
            })
            .AddHttpMessageHandler(sp => new ProviderCallHandler(protocol, sp.GetRequiredService<ILoggerFactory>().CreateLogger(logCategory)))
            .AddResilienceHandler(protocol.Provider, (pipeline, context) => ProviderResilience.Configure(pipeline, protocol,
                TimeSpan.FromSeconds(endpoint(context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value).TimeoutSeconds)));
        services.AddTransient<Func<TApi>>(sp => sp.GetRequiredService<TApi>);
    }

    private static RefitSettings Settings(ProviderProtocol protocol, JsonSerializerContext json) => new()
    {
        ContentSerializer = SystemTextJsonContentSerializer.ForContext(json),
        Buffered = true, // a retried request sends its body again
        // The call handler has already turned every failure into the caller's terms: let its exceptions through as they are.
        TransportExceptionFactory = (_, exception, _) => exception,
        // A 2xx whose body does not fit the model may hide a completed payment.
        DeserializationExceptionFactory = (response, exception) => ValueTask.FromResult<Exception?>(
            new ProviderOutcomeUnknownException(protocol.Provider, response.RequestMessage is { } request ? ProviderRequest.Operation(request) : "call", exception)),
        // Should Refit still build an ApiException, it must not carry the credentials, the bearer or a large body.
        MaxExceptionContentLength = 1024,
        ExceptionRedactor = exception =>
        {
            exception.RequestMessage.Headers.Clear();
            if (exception is ApiException api)
            {
                api.Content = null;
            }
        },
    };
}
