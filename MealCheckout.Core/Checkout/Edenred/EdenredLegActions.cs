using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Capture and cancel of an authorised Edenred leg (client credentials only, so the reconciler
/// can call them without the diner); staff refunds go through EdenredLegRefunder. The tstamp is saved before each
/// call; when an answer is lost, the transaction's status is read before anything is sent again.
/// Each returns false when the outcome is still unknown (the leg stays as it was, to be retried).
/// </summary>
public sealed class EdenredLegActions(LegCalls calls, EdenredClient edenred, EdenredDinerAccess access)
{
    public const string AuthorizeOperation = "authorize";
    public const string CaptureOperation = "capture";
    private const string CancelOperation = "cancel";

    public Task<bool> CaptureAsync(Guid orderId, Guid legId, CancellationToken cancellationToken) =>
        ActAsync(orderId, legId, CaptureOperation, EdenredTransaction.Captured,
            (leg, tstamp) => edenred.CaptureAsync(leg.ProviderReference!, leg.AuthorisedAmount, tstamp, cancellationToken), null, cancellationToken);

    public Task<bool> CancelAsync(Guid orderId, Guid legId, string reason, CancellationToken cancellationToken) =>
        ActAsync(orderId, legId, CancelOperation, EdenredTransaction.Cancelled,
            (leg, tstamp) => edenred.CancelAsync(leg.ProviderReference!, leg.AuthorisedAmount, tstamp, cancellationToken), reason, cancellationToken);

    /// <summary>
    /// Authorises the voucher leg with the diner's token and the tstamp saved with its pending call.
    /// A lost answer is replayed with that same tstamp (without an authorization_id there is no
    /// status to read): Edenred answers with the first outcome and never holds twice. Null when the
    /// outcome is still unknown. A refusal of the first call marks the leg refused and is rethrown, as
    /// is a login that must be made again; a refusal of the replay proves nothing about the first call
    /// (it may hold the money), so the outcome stays unknown.
    /// </summary>
    public async Task<EdenredTransaction?> AuthorizeAsync(Order order, Guid legId, EdenredSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAuthorizationAsync(order, legId, session, cancellationToken);
        }
        catch (ProviderOutcomeUnknownException)
        {
            return await ReplayAuthorizationAsync(order, legId, session, cancellationToken);
        }
        catch (Exception ex) when (ex is ProviderErrorException or EdenredLoginRequiredException)
        {
            var code = (ex as ProviderErrorException)?.ErrorCode ?? "LOGIN_REQUIRED";
            await calls.CompleteAsync(order.Id, legId, AuthorizeOperation, code, l => l.Refused(code, calls.Now), cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Sends an authorisation whose first answer was lost again, with its saved tstamp: Edenred answers with
    /// the first outcome. Null while that outcome is unknown, including when the replay itself is refused or
    /// needs a new login: only the first answer says whether money is held.
    /// </summary>
    public async Task<EdenredTransaction?> ReplayAuthorizationAsync(Order order, Guid legId, EdenredSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAuthorizationAsync(order, legId, session, cancellationToken);
        }
        catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException or EdenredLoginRequiredException)
        {
            return null;
        }
    }

    private async Task<EdenredTransaction> SendAuthorizationAsync(Order order, Guid legId, EdenredSession session, CancellationToken cancellationToken)
    {
        var leg = order.Legs.Single(l => l.Id == legId);
        var tstamp = leg.PendingCall(AuthorizeOperation)!.IdempotencyKey;
        var authorized = await access.CallAsync(session, token => edenred.AuthorizeAsync(order.Number, leg.MerchantId ?? "", leg.Amount, tstamp, token, cancellationToken), cancellationToken);
        await calls.CompleteAsync(order.Id, legId, AuthorizeOperation, authorized.Status, l => Apply(l, authorized, calls.Now, null), cancellationToken);
        return authorized;
    }

    /// <summary>Moves the leg to what Edenred says the transaction is.</summary>
    public static void Apply(PaymentLeg leg, EdenredTransaction transaction, DateTimeOffset at, string? reason)
    {
        switch (transaction.Status)
        {
            case EdenredTransaction.Authorized when leg.State == LegState.Authorizing:
                leg.RecordProviderReference(transaction.AuthorizationId);
                PartialAuthorisation.Record(leg, Money.FromCents(transaction.AuthorizedAmount), at, "authorized");
                break;
            case EdenredTransaction.Captured when leg.State is LegState.Authorized or LegState.Authorizing:
                leg.RecordProviderReference(transaction.AuthorizationId);
                leg.Captured(Money.FromCents(transaction.CaptureAmount ?? transaction.CapturedAmount ?? transaction.AuthorizedAmount), at, reason);
                break;
            case EdenredTransaction.Cancelled when leg.State is LegState.Authorized or LegState.Authorizing:
                leg.Cancelled(at, reason ?? "cancelled at Edenred");
                break;
            case EdenredTransaction.Refunded when leg.State == LegState.Captured:
                leg.Refunded(leg.CapturedAmount, at, reason);
                break;
        }
    }

    private async Task<bool> ActAsync(Guid orderId, Guid legId, string operation, string wanted,
        Func<PaymentLeg, string, Task<EdenredTransaction>> send, string? reason, CancellationToken cancellationToken)
    {
        var (_, leg, tstamp) = await calls.BeginAsync(orderId, legId, operation, EdenredTstamp.New, cancellationToken);
        EdenredTransaction? answer;
        try
        {
            answer = await send(leg, tstamp);
        }
        catch (Exception ex) when (ex is ProviderOutcomeUnknownException or ProviderErrorException)
        {
            // Ask before any retry: the first call may have done it, or the transaction moved meanwhile.
            answer = await StatusAsync(leg.ProviderReference!, cancellationToken);
            if (answer is null)
            {
                return false;
            }
            if (answer.Status != wanted)
            {
                if (ex is ProviderErrorException error && answer.Status == EdenredTransaction.Authorized)
                {
                    await calls.CompleteAsync(orderId, legId, operation, error.ErrorCode, _ => { }, cancellationToken);
                    throw;
                }
                answer = answer.Status == EdenredTransaction.Authorized ? await ReplayOrNullAsync(() => send(leg, tstamp)) : answer;
                if (answer is null)
                {
                    return false;
                }
            }
        }
        await calls.CompleteAsync(orderId, legId, operation, answer.Status, l => Apply(l, answer, calls.Now, reason), cancellationToken);
        return true;
    }

    private async Task<EdenredTransaction?> StatusAsync(string authorizationId, CancellationToken cancellationToken)
    {
        try
        {
            return await edenred.GetTransactionAsync(authorizationId, cancellationToken);
        }
        catch (ProviderOutcomeUnknownException)
        {
            return null;
        }
    }

    private static async Task<EdenredTransaction?> ReplayOrNullAsync(Func<Task<EdenredTransaction>> send)
    {
        try
        {
            return await send();
        }
        catch (ProviderOutcomeUnknownException)
        {
            return null;
        }
    }
}
