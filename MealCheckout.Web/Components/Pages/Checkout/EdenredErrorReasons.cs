namespace MealCheckout.Web.Components.Pages.Checkout;

/// <summary>
/// Every error code of Edenred's Direct Payment API, grouped by what the diner can do about it;
/// each group is one sentence in UiText (French and English). Codes Edenred may add later fall
/// back to the generic "refused" sentence.
/// </summary>
public static class EdenredErrorReasons
{
    private static readonly Dictionary<string, string> KeyByCode = Group(
        ("ReasonNotEnoughBalance", ["INVALID_AMOUNT"]),
        ("ReasonDailyLimit", ["LIMIT_EXCEEDED"]),
        ("ReasonExpiredCard", ["CARD_EXPIRED"]),
        ("ReasonBlockedCard", ["CARD_BLOCKED", "CARD_TEMPORARILY_BLOCKED", "ACCOUNT_BLOCKED"]),
        // "Declined" / "Transaction not authorised": Edenred gives no reason, so neither do we.
        ("ReasonEdenredDeclined", ["DECLINED", "TRANSACTION_NOT_AUTHORISED"]),
        // "Transaction temporary hold": the payment is held for now, the card is not blocked.
        ("ReasonEdenredTemporaryHold", ["TEMPORARY_HOLD"]),
        // "Max PIN tries exceeded."
        ("ReasonEdenredPinLockout", ["LOCKOUT"]),
        ("ReasonEdenredPin", ["INCORRECT_PIN", "TOPTP_VALIDATION_FAILED"]),
        ("ReasonEdenredNoActiveCard", ["INVALID_CARD", "CARD_NOT_ACTIVATED", "CARD_NOT_FOUND", "NO_ACTIVE_CARD", "CARD_NOT_ACTIVE",
            "CARD_ALREADY_ACTIVATED", "ACCOUNT_NOT_FOUND", "INVALID_ACCOUNT", "INVALID_VOUCHER", "INVALID_EMAIL", "USER_INACTIVE", "PRECONDITION_FAILED"]),
        ("ReasonEdenredLoginAgain", ["INVALID_TOKEN", "UNAUTHORIZED", "INVALID_TOKEN_ISSUER", "EMPTY_AUTHORIZATION_TOKEN"]),
        ("ReasonEdenredBusy", ["TOO_MANY_REQUEST", "INTERNAL_ERROR", "BAD_GATEWAY", "AUTH_PENDING"]),
        ("ReasonEdenredNotAvailableHere", ["INVALID_MERCHANT", "FORBIDDEN", "INVALID_CURRENCY_CODE", "INVALID_TRANSACTION_TYPE", "INVALID_CAPTURE_MODE",
            "INVALID_REQUEST", "BAD_REQUEST", "INVALID_SEARCH_PERIOD", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "UNSUPPORTED_MEDIA_TYPE", "NOT_IMPLEMENTED",
            "PARTIAL_AUTH_NOT_SUPPORTED", "PARTIAL_REVERSALS_NOT_ALLOWED", "TRANSACTION_DUPLICATED", "TRANSACTION_STATUS_MUST_BE_AUTHORIZED",
            "TRANSACTION_STATUS_MUST_BE_CAPTURED", "TRANSACTION_MUST_BE_AUTHORIZED", "TRANSACTION_NOT_FOUND", "ORIGIN_TRANSACTION_ID_NOT_FOUND", "NOT_FOUND"]));

    /// <summary>The UiText key of the sentence for an Edenred error code; null for a code Edenred's table does not list.</summary>
    public static string? KeyFor(string? code) => code is not null && KeyByCode.TryGetValue(code, out var key) ? key : null;

    public static IReadOnlyCollection<string> Codes => KeyByCode.Keys;

    private static Dictionary<string, string> Group(params (string Key, string[] Codes)[] groups) =>
        groups.SelectMany(g => g.Codes.Select(code => (code, g.Key))).ToDictionary(p => p.code, p => p.Key, StringComparer.Ordinal);
}
