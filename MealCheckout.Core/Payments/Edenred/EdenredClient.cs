namespace MealCheckout.Core.Payments.Edenred;

/// <summary>
/// What the checkout asks of Edenred's Direct Payment API (v2), manual capture, over the generated
/// <see cref="IEdenredDirectPaymentApi"/>. Every write carries the <c>tstamp</c> the caller persisted
/// beforehand (Edenred's idempotency key); the client never invents one. Errors come back as
/// <see cref="ProviderErrorException"/> with Edenred's own code (401 means the diner's token must be
/// refreshed), and a write whose answer was lost as <see cref="ProviderOutcomeUnknownException"/>: the
/// caller reads the transaction's status or replays with the same tstamp, never sends a fresh write.
/// </summary>
public sealed class EdenredClient(Func<IEdenredDirectPaymentApi> api)
{
    public const string ManualCapture = "manual";

    public async Task<EdenredBalance> GetBalanceAsync(string username, string accessToken, CancellationToken cancellationToken) =>
        Data(await api().BalanceAsync(username, accessToken, cancellationToken));

    /// <summary>How much of <paramref name="amount"/> the diner can spend now (the balance and Edenred's own daily limit).</summary>
    public async Task<EdenredBalance> EstimateChargeAsync(string username, Money amount, string accessToken, CancellationToken cancellationToken) =>
        Data(await api().EstimateChargeAsync(username, new EstimateChargeRequest(amount.Cents), accessToken, cancellationToken));

    /// <summary>
    /// Holds <paramref name="amount"/> on the diner's account (capture_mode manual) until captured or cancelled,
    /// for the restaurant Edenred knows as <paramref name="mid"/> (its merchant ID, from the restaurant's settings).
    /// </summary>
    public async Task<EdenredTransaction> AuthorizeAsync(string orderRef, string mid, Money amount, string tstamp, string accessToken, CancellationToken cancellationToken) =>
        Data(await api().AuthorizeAsync(new AuthorizeRequest(orderRef, mid, amount.Cents, "EUR", ManualCapture, orderRef, tstamp), accessToken, tstamp, cancellationToken));

    /// <summary>Takes the full authorised amount. Client credentials alone: no diner token needed.</summary>
    public async Task<EdenredTransaction> CaptureAsync(string authorizationId, Money authorisedAmount, string tstamp, CancellationToken cancellationToken) =>
        Data(await api().CaptureAsync(authorizationId, new TransactionActionRequest(authorisedAmount.Cents, tstamp, null), tstamp, cancellationToken));

    /// <summary>Releases the full authorised amount. Client credentials alone.</summary>
    public async Task<EdenredTransaction> CancelAsync(string authorizationId, Money authorisedAmount, string tstamp, CancellationToken cancellationToken) =>
        Data(await api().CancelAsync(authorizationId, new TransactionActionRequest(authorisedAmount.Cents, tstamp, null), tstamp, cancellationToken));

    /// <summary>Gives back a captured payment; Edenred refunds the full captured amount only. Client credentials alone.</summary>
    public async Task<EdenredTransaction> RefundAsync(string authorizationId, Money capturedAmount, string tstamp, CancellationToken cancellationToken) =>
        Data(await api().RefundAsync(authorizationId, new TransactionActionRequest(capturedAmount.Cents, tstamp, ManualCapture), tstamp, cancellationToken));

    /// <summary>Where a transaction stands: how a write whose answer was lost is resolved.</summary>
    public async Task<EdenredTransaction> GetTransactionAsync(string authorizationId, CancellationToken cancellationToken) =>
        Data(await api().TransactionAsync(authorizationId, cancellationToken));

    // The call handler lets through only envelopes that succeeded with data.
    private static T Data<T>(EdenredEnvelope<T> envelope) where T : class =>
        envelope.Data ?? throw new InvalidOperationException("Edenred answered success without data.");
}
