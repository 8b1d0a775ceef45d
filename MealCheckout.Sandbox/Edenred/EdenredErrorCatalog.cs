namespace MealCheckout.Sandbox.Edenred;

/// <summary>One row of the error table of Edenred's "Use Case: France" document.</summary>
public sealed record EdenredError(int HttpStatus, string Code, string Description)
{
    /// <summary>"succeded" rows (sic, as in the document) are successes; every other row is a failure.</summary>
    public bool IsSuccess => HttpStatus == 200;
}

/// <summary>
/// The document's error table, row for row (typos included), used both to answer and by the
/// contract tests. Several codes have more than one row: the rule that raises it picks its text.
/// </summary>
public static class EdenredErrorCatalog
{
    public static IReadOnlyList<EdenredError> All { get; } =
    [
        new(200, "OK", "OK"),
        new(200, "AUTH", "The transaction has been authorized."),
        new(200, "AUTH_PENDING", "The transaction authorization is pending."),
        new(200, "PARTIAL_AUTH", "The transaction has been partially authorized."),
        new(400, "INVALID_EMAIL", "Email is already in use by another user."),
        new(400, "INVALID_CARD", "Invalid card information provided"),
        new(400, "INVALID_MERCHANT", "Invalid Merchant"),
        new(400, "INVALID_AMOUNT", "Invalid Amount"),
        new(400, "INVALID_AMOUNT", "INSUFFICIENT FUNDS"),
        new(400, "TRANSACTION_DUPLICATED", "Transaction Duplicated"),
        new(400, "DECLINED", "Declined"),
        new(400, "LIMIT_EXCEEDED", "Limit exceeded"),
        new(400, "PARTIAL_REVERSALS_NOT_ALLOWED", "Partial resversals not allowed"),
        new(400, "TRANSACTION_NOT_AUTHORISED", "Transaction not authorised"),
        new(400, "TEMPORARY_HOLD", "Temporary hold"),
        new(400, "INVALID_VOUCHER", "Invalid Voucher"),
        new(400, "LOCKOUT", "lockout"),
        new(400, "INCORRECT_PIN", "Incorrect PIN"),
        new(400, "PARTIAL_AUTH_NOT_SUPPORTED", "Partial authorization not supported"),
        new(400, "INVALID_CARD", "Invalid card"),
        new(400, "CARD_NOT_ACTIVATED", "Card is not activated"),
        new(400, "ACCOUNT_BLOCKED", "Account blocked"),
        new(400, "CARD_BLOCKED", "Card blocked"),
        new(400, "INVALID_ACCOUNT", "Invalid account"),
        new(400, "CARD_ALREADY_ACTIVATED", "Card is already activated"),
        new(400, "INVALID_CURRENCY_CODE", "Invalid currency"),
        new(400, "INVALID_TRANSACTION_TYPE", "Invalid transaction type"),
        new(400, "INVALID_CAPTURE_MODE", "You are not allowed to capture transaction"),
        new(400, "TOPTP_VALIDATION_FAILED", "toptp validation failed"),
        new(400, "CARD_NOT_FOUND", "Card not found"),
        new(400, "NO_ACTIVE_CARD", "No Active Card found"),
        new(400, "ACCOUNT_NOT_FOUND", "Account not found"),
        new(400, "BAD_REQUEST", "The input doesn't respect the contract expected (required fields, type, etc.)"),
        new(400, "EMPTY_AUTHORIZATION_TOKEN", "Unable to retrieve the OpenId token from the request. Please verify your request and, if required, contact the API administrator for assistance."),
        new(400, "INVALID_SEARCH_PERIOD", "The search period is longer than 3 months."),
        new(400, "BAD_REQUEST", "The server cannot or will not process the request due to an apparent client error. Check messages field for more details."),
        new(400, "DECLINED", "Transaction declined."),
        new(400, "INVALID_REQUEST", "The configuration allows only single/dual messaging requests."),
        new(400, "CARD_NOT_ACTIVE", "No active card found for the username."),
        new(400, "INVALID_AMOUNT", "Insufficient funds or amount too small/big."),
        new(400, "INVALID_MERCHANT", "The merchant is not valid, please check the given mid."),
        new(400, "INVALID_VOUCHER", "Voucher not valid."),
        new(400, "LIMIT_EXCEEDED", "The amount is incorrect according your past orders."),
        new(400, "LOCKOUT", "Max PIN tries exceeded."),
        new(400, "PARTIAL_REVERSALS_NOT_ALLOWED", "Partial refunds are not allowed."),
        new(400, "TEMPORARY_HOLD", "Transaction temprorary hold."),
        new(400, "TRANSACTION_DUPLICATED", "A same transaction already exists."),
        new(400, "TRANSACTION_NOT_AUTHORISED", "The transaction has not been authorized."),
        new(400, "TRANSACTION_STATUS_MUST_BE_AUTHORIZED", "Invalid operation, the status of the transaction must be authorized"),
        new(400, "INVALID_AMOUNT", "Ensure that the amount you want to cancel matches the authorized amount."),
        new(400, "TRANSACTION_NOT_AUTHORISED", "Transaction not authorised."),
        new(400, "TRANSACTION_STATUS_MUST_BE_CAPTURED", "Invalid operation, the status of the transaction must be captured"),
        new(401, "INVALID_TOKEN", "Invalid, revoked or expired token. You should try to re-authenticate the user."),
        new(401, "UNAUTHORIZED", "Missing, invalid or expired token. To fix, you should re-authenticate the user."),
        new(401, "USER_INACTIVE", "User Inactive."),
        new(401, "INVALID_TOKEN_ISSUER", "The token has not been issued (tokenUsername) for the current user (username)"),
        new(403, "FORBIDDEN", "The request was valid, but the server is refusing action. The user might not have the necessary permissions for this resource."),
        new(404, "TRANSACTION_NOT_FOUND", "No transaction found for the given transaction_id."),
        new(404, "ORIGIN_TRANSACTION_ID_NOT_FOUND", "The origin transaction_id is not found."),
        new(404, "NOT_FOUND", "If no transaction is linked to the transaction_id given as input."),
        new(405, "METHOD_NOT_ALLOWED", "A request was made of a resource using a request method not supported by that resource; for example, using GET on a form which requires data to be presented via POST, or using PUT on a read-only resource."),
        new(405, "METHOD_NOT_ALLOWED", "A request was made of a resource using a request method not supported by that resource."),
        new(406, "NOT_ACCEPTABLE", "The requested resource is only capable of generating content not acceptable according to the Accept headers sent in the request."),
        new(412, "PRECONDITION_FAILED", "A business precondition has not been; for example, the user has no active cards."),
        new(412, "PRECONDITION_FAILED", "A business precondition has not been."),
        new(415, "UNSUPPORTED_MEDIA_TYPE", "The request entity has a media type which the server or resource does not support."),
        new(429, "TOO_MANY_REQUEST", "Your request has been rejected due to rate limitation. Please check your subscribed service level agreement."),
        new(500, "CARD_TEMPORARILY_BLOCKED", "This card is temporarily blocked"),
        new(500, "INTERNAL_ERROR", "Internal Server Error"),
        new(500, "CARD_EXPIRED", "Card expired"),
        new(500, "INTERNAL_ERROR", "Invalid Message :Field: [value.amt] must be numeric"),
        new(500, "INTERNAL_ERROR", "We had a problem with our server. Please to try again later."),
        new(500, "TRANSACTION_MUST_BE_AUTHORIZED", "Invalid operation, the status of the transaction must be authorized"),
        new(501, "NOT_IMPLEMENTED", "For the context of the current business unit, this feature is not supported."),
        new(502, "BAD_GATEWAY", "Oups... Something wrong on one of the underlying servers! Please contact the administrator to report the issue."),
        new(502, "BAD_GATEWAY", "We had a problem with one of our backends that returns a http 500 status. Please to try again later."),
    ];

    /// <summary>The first row of a code; pass a fragment of its description to pick another row of the same code.</summary>
    public static EdenredError Get(string code, string? descriptionContains = null) =>
        All.FirstOrDefault(e => e.Code == code && (descriptionContains is null || e.Description.Contains(descriptionContains, StringComparison.Ordinal)))
        ?? throw new ArgumentException($"No Edenred error {code} ({descriptionContains}) in the catalog.", nameof(code));
}
