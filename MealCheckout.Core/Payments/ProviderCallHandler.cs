using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace MealCheckout.Core.Payments;

/// <summary>
/// What every provider call does, around its retries: times it, writes one structured line, and
/// turns the final answer into the caller's terms. A success is handed to Refit to read; a
/// provider's own error becomes <see cref="ProviderErrorException"/> with its code; anything that
/// leaves the outcome open (timeout, lost connection, 5xx, an answer that is not JSON, a refusal
/// of a write whose earlier attempt may have acted) becomes <see cref="ProviderOutcomeUnknownException"/>.
/// The exceptions carry the route template, never the request, so no key, secret or token travels with them.
/// </summary>
internal sealed partial class ProviderCallHandler(ProviderProtocol protocol, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var operation = ProviderRequest.Operation(request);
        var isRead = protocol.IsRead(request);
        HttpResponseMessage response;
        byte[] body;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            // Buffered here, read again by Refit: bodies are small, and the verdict needs them.
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException)
        {
            Log(request, operation, 0, ex is TimeoutRejectedException ? "timeout" : "no answer", started);
            throw new ProviderOutcomeUnknownException(protocol.Provider, operation, ex);
        }
        var status = (int)response.StatusCode;
        var answer = protocol.Judge(status, body, isRead);
        if (answer.Kind == ProviderAnswerKind.Refused && !isRead && ProviderRequest.MayHaveActedBefore(request))
        {
            // The first attempt may have acted before its answer was lost; this refusal may be of the replay alone.
            answer = ProviderAnswer.Unknown;
        }
        Log(request, operation, status, answer.Kind == ProviderAnswerKind.Refused ? answer.ErrorCode! : answer.Kind.ToString().ToLowerInvariant(), started);
        if (answer.Kind == ProviderAnswerKind.Success)
        {
            return response;
        }
        response.Dispose();
        throw answer.Kind == ProviderAnswerKind.Refused
            ? new ProviderErrorException(protocol.Provider, operation, status, answer.ErrorCode ?? status.ToString(CultureInfo.InvariantCulture), answer.Message)
            : new ProviderOutcomeUnknownException(protocol.Provider, operation);
    }

    private void Log(HttpRequestMessage request, string operation, int status, string outcome, long started) =>
        LogCall(logger, protocol.Provider, request.Method.Method, operation, status, outcome,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, protocol.IdempotencyKey(request) ?? "");

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} {Method} {Operation} answered {Status} {Outcome} in {ElapsedMs} ms (idempotency key {IdempotencyKey})")]
    private static partial void LogCall(ILogger logger, string provider, string method, string operation, int status, string outcome, long elapsedMs, string idempotencyKey);
}
