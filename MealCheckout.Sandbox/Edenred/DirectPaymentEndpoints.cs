using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MealCheckout.Core.Calendar;
using MealCheckout.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>
/// Edenred's Direct Payment API (v2) as the "Use Case: France" document describes it, field for
/// field. Idempotency: a write is identified by its operation, its target (user or
/// authorization_id) and its <c>tstamp</c>; the same write again gets the first answer back, and the
/// same identity with a different body is TRANSACTION_DUPLICATED.
/// </summary>
internal sealed class DirectPaymentEndpoints(
    IOptions<SandboxOptions> options, SsoState sso, EdenredLedger ledger, SandboxFaults faults, TimeProvider time)
{
    public const string Prefix = "/sandbox/edenred-api";

    // How long a TimeoutAfterCommit fault holds the answer when the fault names no duration.
    private const int DefaultCommitTimeoutMilliseconds = 15_000;

    private readonly ConcurrentDictionary<string, (string BodyHash, EdenredAnswer Answer)> writes = new();
    private EdenredSandboxOptions Settings => options.Value.Edenred;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).DisableAntiforgery().ExcludeFromDescription();
        api.MapGet("/v2/users/{username}", (HttpContext http, string username, DirectPaymentEndpoints e) => e.RunAsync(http, username, false, (_, user) => e.Balance(user)));
        api.MapPost("/v2/users/{username}/actions/estimate-charge", (HttpContext http, string username, DirectPaymentEndpoints e) => e.RunAsync(http, username, true, (body, user) => e.Estimate(body, user), usesTstamp: false));
        api.MapPost("/v2/transactions", (HttpContext http, DirectPaymentEndpoints e) => e.RunAsync(http, null, true, (body, user) => e.Authorize(body, user!)));
        api.MapPost("/v2/transactions/{authorizationId}/actions/{action}", (HttpContext http, string authorizationId, string action, DirectPaymentEndpoints e) =>
            e.RunAsync(http, authorizationId, true, (body, _) => e.Act(authorizationId, action, body), needsUserToken: false));
        api.MapGet("/v2/transactions/{authorizationId}", (HttpContext http, string authorizationId, DirectPaymentEndpoints e) =>
            e.RunAsync(http, authorizationId, false, (_, _) => e.Status(authorizationId), needsUserToken: false));
        // Any other method on a known resource: the document's METHOD_NOT_ALLOWED, in its envelope.
        string[] otherMethods = ["PUT", "PATCH", "DELETE"];
        foreach (var pattern in new[] { "/v2/users/{username}", "/v2/users/{username}/actions/estimate-charge", "/v2/transactions", "/v2/transactions/{authorizationId}", "/v2/transactions/{authorizationId}/actions/{action}" })
        {
            api.MapMethods(pattern, otherMethods, () => Answer(EdenredAnswer.Failure("METHOD_NOT_ALLOWED")));
        }
    }

    /// <summary>Header checks, token, body parsing, idempotency and faults around one operation.</summary>
    private async Task<IResult> RunAsync(HttpContext http, string? target, bool isWrite, Func<JsonElement, EdenredTestUser?, EdenredAnswer> operation, bool needsUserToken = true, bool usesTstamp = true)
    {
        var request = http.Request;
        var accept = request.Headers.Accept.ToString();
        if (accept.Length > 0 && !accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            return Answer(EdenredAnswer.Failure("NOT_ACCEPTABLE"));
        }
        if (isWrite && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Answer(EdenredAnswer.Failure("UNSUPPORTED_MEDIA_TYPE"));
        }
        if (!Equal(request.Headers["X-Client-Id"], Settings.PaymentClientId) || !Equal(request.Headers["X-Client-Secret"], Settings.PaymentClientSecret))
        {
            return Answer(EdenredAnswer.Failure("FORBIDDEN"));
        }

        var (user, tokenProblem) = Authenticate(request, target, needsUserToken);
        if (tokenProblem is not null)
        {
            return Answer(tokenProblem);
        }

        var raw = isWrite ? await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync() : "{}";
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(raw).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Answer(EdenredAnswer.Failure("BAD_REQUEST", "contract"));
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Answer(EdenredAnswer.Failure("BAD_REQUEST", "contract"));
        }

        var account = user?.Username ?? (target is null ? null : ledger.Find(target)?.Username);
        return await FaultInjection.RunAsync(http, faults, FaultTarget.EdenredApi, account, DefaultCommitTimeoutMilliseconds, FaultAnswer, () =>
            Task.FromResult(Answer(isWrite && usesTstamp
                ? Idempotent(request, target ?? user?.Username ?? "", body, () => Guarded(() => operation(body, user)))
                : Guarded(() => operation(body, user)))));
    }

    private static EdenredAnswer Guarded(Func<EdenredAnswer> operation)
    {
        try
        {
            return operation();
        }
        catch (NonNumericAmountException)
        {
            return EdenredAnswer.Failure("INTERNAL_ERROR", "must be numeric");
        }
    }

    private (EdenredTestUser? User, EdenredAnswer? Problem) Authenticate(HttpRequest request, string? pathUsername, bool required)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return required ? (null, EdenredAnswer.Failure("EMPTY_AUTHORIZATION_TOKEN")) : (null, null);
        }
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? sso.FindAccess(header["Bearer ".Length..]) : null;
        if (token is null)
        {
            return (null, EdenredAnswer.Failure("INVALID_TOKEN"));
        }
        var user = EdenredTestUsers.All.First(u => u.Username == token.Username);
        if (required && request.RouteValues.ContainsKey("username") && !string.Equals(pathUsername, user.Username, StringComparison.OrdinalIgnoreCase))
        {
            return (null, EdenredAnswer.Failure("INVALID_TOKEN_ISSUER"));
        }
        if (!user.Active)
        {
            return (null, EdenredAnswer.Failure("USER_INACTIVE"));
        }
        return (user, null);
    }

    private EdenredAnswer Idempotent(HttpRequest request, string target, JsonElement body, Func<EdenredAnswer> operation)
    {
        if (!body.TryGetProperty("tstamp", out var tstamp) || tstamp.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(tstamp.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return EdenredAnswer.Failure("BAD_REQUEST", "contract");
        }
        var key = $"{request.Path.Value!.Split('/').Last()}|{target}|{tstamp.GetString()}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))));
        lock (writes)
        {
            if (writes.TryGetValue(key, out var earlier))
            {
                return earlier.BodyHash == hash ? earlier.Answer : EdenredAnswer.Failure("TRANSACTION_DUPLICATED", "same transaction");
            }
            var answer = operation();
            writes[key] = (hash, answer);
            return answer;
        }
    }

    private EdenredAnswer Balance(EdenredTestUser? user) =>
        EdenredAnswer.Success(new { available_amount = AvailableNow(user!), currency = "EUR" }, withMessages: true);

    private EdenredAnswer Estimate(JsonElement body, EdenredTestUser? user)
    {
        if (!TryAmount(body, out var amount))
        {
            return EdenredAnswer.Failure("BAD_REQUEST", "contract");
        }
        if (amount <= 0)
        {
            return EdenredAnswer.Failure("INVALID_AMOUNT", "too small/big");
        }
        return EdenredAnswer.Success(new { available_amount = Math.Min(amount, AvailableNow(user!)), currency = "EUR" }, withMessages: true);
    }

    private EdenredAnswer Authorize(JsonElement body, EdenredTestUser user)
    {
        if (!TryString(body, "order_ref", out var orderRef) || !HasString(body, "mid", out var mid) || !TryAmount(body, out var amount) || !TryString(body, "capture_mode", out var captureMode))
        {
            return EdenredAnswer.Failure("BAD_REQUEST", "contract");
        }
        // A mid that is there but names no merchant Edenred knows, blank included, is the merchant's problem, not the contract's.
        if (!EdenredTestMerchants.Knows(mid))
        {
            return EdenredAnswer.Failure("INVALID_MERCHANT", "check the given mid");
        }
        if (body.TryGetProperty("currency", out var currency) && currency.GetString() != "EUR")
        {
            return EdenredAnswer.Failure("INVALID_CURRENCY_CODE");
        }
        if (captureMode is not ("auto" or "manual"))
        {
            return EdenredAnswer.Failure("INVALID_CAPTURE_MODE");
        }
        if (amount <= 0)
        {
            return EdenredAnswer.Failure("INVALID_AMOUNT", "too small/big");
        }
        if (user.CardBlocked)
        {
            return EdenredAnswer.Failure("CARD_BLOCKED");
        }
        if (!user.AllowedOnSundaysAndHolidays && ParisCalendar.IsSundayOrPublicHoliday(ParisCalendar.DayOf(time.GetUtcNow())))
        {
            return EdenredAnswer.Failure("DECLINED", "Transaction declined.");
        }
        var (transaction, error) = ledger.TryAuthorize(user, Settings.DefaultDailyLimitCents, orderRef, mid, amount, captureMode,
            body.TryGetProperty("extra_field", out var extra) ? extra.GetString() : null);
        if (transaction is null)
        {
            return error == "LIMIT_EXCEEDED" ? EdenredAnswer.Failure("LIMIT_EXCEEDED", "past orders") : EdenredAnswer.Failure("INVALID_AMOUNT", "INSUFFICIENT FUNDS");
        }
        return captureMode == "auto"
            ? EdenredAnswer.Success(new { order_ref = orderRef, mid, status = "captured", authorization_id = transaction.AuthorizationId, authorized_amount = amount, capture_id = transaction.CaptureId, captured_amount = amount })
            : EdenredAnswer.Success(new { order_ref = orderRef, mid, status = "authorized", authorization_id = transaction.AuthorizationId, authorized_amount = amount });
    }

    private EdenredAnswer Act(string authorizationId, string action, JsonElement body)
    {
        var t = ledger.Find(authorizationId);
        if (t is null)
        {
            return EdenredAnswer.Failure("TRANSACTION_NOT_FOUND");
        }
        if (!TryAmount(body, out var amount))
        {
            return EdenredAnswer.Failure("BAD_REQUEST", "contract");
        }
        switch (action)
        {
            case "cancel" or "capture" when t.Status != "authorized":
                return EdenredAnswer.Failure("TRANSACTION_STATUS_MUST_BE_AUTHORIZED");
            case "cancel" or "capture" when amount != t.Amount:
                return EdenredAnswer.Failure("INVALID_AMOUNT", "matches the authorized amount");
            case "cancel":
                ledger.Cancel(t);
                return EdenredAnswer.Success(new { mid = t.Mid, status = "cancelled", cancel_id = t.CancelId, cancelled_amount = amount, order_ref = t.OrderRef, authorization_id = t.AuthorizationId, authorized_amount = t.Amount });
            case "capture":
                ledger.Capture(t);
                return EdenredAnswer.Success(new { order_ref = t.OrderRef, mid = t.Mid, capture_id = t.CaptureId, capture_amount = amount, status = "captured", authorization_id = t.AuthorizationId, authorized_amount = t.Amount }, withMessages: true);
            case "refund":
                if (!TryString(body, "capture_mode", out var mode) || mode != t.CaptureMode)
                {
                    return EdenredAnswer.Failure("INVALID_CAPTURE_MODE");
                }
                if (t.Status != "captured")
                {
                    return EdenredAnswer.Failure("TRANSACTION_STATUS_MUST_BE_CAPTURED");
                }
                if (amount != t.Amount)
                {
                    return EdenredAnswer.Failure("PARTIAL_REVERSALS_NOT_ALLOWED", "Partial refunds");
                }
                ledger.Refund(t);
                return t.CaptureMode == "auto"
                    ? EdenredAnswer.Success(new { mid = t.Mid, status = "refunded", refund_id = t.RefundId, refunded_amount = amount, order_ref = t.OrderRef, authorization_id = t.AuthorizationId, authorized_amount = t.Amount, capture_id = t.CaptureId, captured_amount = t.Amount })
                    : EdenredAnswer.Success(new { mid = t.Mid, status = "refunded", refund_id = t.RefundId, refunded_amount = amount, order_ref = t.OrderRef, capture_id = t.CaptureId, capture_amount = t.Amount, authorization_id = t.AuthorizationId, authorized_amount = t.Amount });
            default:
                return EdenredAnswer.Failure("NOT_FOUND");
        }
    }

    /// <summary>Not in the document: the status read the app needs after an unknown outcome (sandbox extension).</summary>
    private EdenredAnswer Status(string authorizationId)
    {
        var t = ledger.Find(authorizationId);
        return t is null
            ? EdenredAnswer.Failure("TRANSACTION_NOT_FOUND")
            : EdenredAnswer.Success(new { order_ref = t.OrderRef, mid = t.Mid, status = t.Status, authorization_id = t.AuthorizationId, authorized_amount = t.Amount, captured_amount = t.CapturedAmount, refunded_amount = t.RefundedAmount, capture_mode = t.CaptureMode }, withMessages: true);
    }

    private long AvailableNow(EdenredTestUser user) => Math.Min(ledger.Available(user.Username), ledger.LimitLeftToday(user, Settings.DefaultDailyLimitCents));

    private static IResult FaultAnswer(SandboxFault fault) => Answer(fault.Kind == FaultKind.ErrorCode
        ? EdenredAnswer.Failure(fault.Code ?? "INTERNAL_ERROR")
        : EdenredAnswer.Failure(EdenredErrorCatalog.All.FirstOrDefault(e => e.HttpStatus == fault.Value) ?? EdenredErrorCatalog.Get("INTERNAL_ERROR")));

    private static IResult Answer(EdenredAnswer answer) => Results.Content(answer.Json, "application/json", Encoding.UTF8, answer.Status);

    private static bool TryAmount(JsonElement body, out long amount)
    {
        amount = 0;
        if (body.TryGetProperty("amount", out var text) && text.ValueKind == JsonValueKind.String)
        {
            // The document's own answer to a non-numeric amount is a 500, not a 400.
            throw new NonNumericAmountException();
        }
        return body.TryGetProperty("amount", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out amount);
    }

    private static bool TryString(JsonElement body, string name, out string value) =>
        HasString(body, name, out value) && value.Length > 0;

    private static bool HasString(JsonElement body, string name, out string value)
    {
        var present = body.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String;
        value = present ? element.GetString()! : "";
        return present;
    }

    private static bool Equal(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

internal sealed class NonNumericAmountException : Exception;
