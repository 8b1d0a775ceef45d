using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// The calls on Adyen legs after the split — pay the card part, capture, cancel, cancel the whole
/// partial-payment order — each with its idempotency key saved before the call and the leg moved
/// after it. Shared by both checkouts and the reconciler. Each returns false (or null) when the
/// provider's answer was lost twice (the leg stays as it was, to be retried later with the same key).
/// </summary>
public sealed class AdyenLegActions(IOrderStore orders, LegCalls calls, AdyenCheckoutClient adyen)
{
    public const string PaymentOperation = "payment";
    public const string OpenOrderOperation = "open-order";
    public const string CaptureOperation = "capture";
    public const string CancelOperation = "cancel";
    public const string CancelOrderOperation = "cancel-order";

    /// <summary>A card payment's merchant reference is the order number with this suffix.</summary>
    private const string CardReferenceSuffix = "-C";

    /// <summary>A voucher payment's merchant reference is the order number with this suffix.</summary>
    public const string VoucherReferenceSuffix = "-V";

    /// <summary>
    /// Adds the bank card leg for <paramref name="cardPart"/> and authorises it. Null when the
    /// outcome is unknown; otherwise the order as saved and, when the card was not accepted, why
    /// (the issuer's refusal, or the provider's error code when it answered with an error and did nothing).
    /// </summary>
    public async Task<(Order Order, bool Authorised, string? Refusal)?> PayCardAsync(Order order, Money cardPart, PaymentCard bankCard, AdyenOrderReference? adyenOrder, CancellationToken cancellationToken)
    {
        Guid cardLegId = default;
        var cardKey = "";
        order = await orders.UpdateAsync(order.Id, o =>
        {
            // What the card fields reported, until the provider says which card it really was.
            var leg = o.AddCardLeg(bankCard.Brand ?? "card", bankCard.Last4, cardPart, calls.Now);
            leg.MoveTo(LegState.Authorizing, calls.Now);
            cardKey = leg.BeginCall(PaymentOperation, calls.Now).IdempotencyKey;
            cardLegId = leg.Id;
        }, cancellationToken);
        var number = order.Number;
        PaymentResponse? paid;
        try
        {
            paid = await LegCalls.ReplayOnceAsync(() => adyen.MakePaymentAsync(number + CardReferenceSuffix, cardPart,
                AdyenPaymentMethod.From(AdyenPaymentMethod.Scheme, bankCard), adyenOrder, cardKey, cancellationToken));
        }
        catch (ProviderErrorException ex)
        {
            order = await calls.CompleteAsync(order.Id, cardLegId, PaymentOperation, ex.ErrorCode, leg => leg.Refused(ex.ErrorCode, calls.Now), cancellationToken);
            return (order, false, ex.ErrorCode);
        }
        if (paid is null)
        {
            return null;
        }
        // Committed with the next step: the captures and the releases each commit before their call.
        order = await calls.CompleteWithNextStepAsync(order.Id, cardLegId, PaymentOperation, paid.ResultCode, leg =>
        {
            leg.RecordProviderReference(paid.PspReference);
            leg.RecordCard(paid.AdditionalData?.GetValueOrDefault("paymentMethod"), paid.AdditionalData?.GetValueOrDefault("cardSummary"));
            if (paid.ResultCode == "Authorised")
            {
                leg.Authorised(cardPart, calls.Now, paid.ResultCode);
            }
            else
            {
                leg.Refused(paid.RefusalReason ?? paid.ResultCode, calls.Now);
            }
        }, cancellationToken);
        return (order, paid.ResultCode == "Authorised", paid.RefusalReason ?? paid.ResultCode);
    }

    public async Task<bool> CaptureAsync(Guid orderId, Guid legId, CancellationToken cancellationToken)
    {
        var (order, leg, key) = await calls.BeginAsync(orderId, legId, CaptureOperation, null, cancellationToken);
        var captured = await LegCalls.ReplayOnceAsync(() => adyen.CaptureAsync(leg.ProviderReference!, order.Number, leg.AuthorisedAmount, key, cancellationToken));
        if (captured is null)
        {
            return false;
        }
        // Committed with the next step (the next capture commits before its call) or when the checkout ends.
        await calls.CompleteWithNextStepAsync(orderId, legId, CaptureOperation, captured.Status, l => l.Captured(l.AuthorisedAmount, calls.Now), cancellationToken);
        return true;
    }

    public async Task<bool> CancelAsync(Guid orderId, Guid legId, string reason, CancellationToken cancellationToken)
    {
        var (order, leg, key) = await calls.BeginAsync(orderId, legId, CancelOperation, null, cancellationToken);
        var cancelled = await LegCalls.ReplayOnceAsync(() => adyen.CancelAsync(leg.ProviderReference!, order.Number, key, cancellationToken));
        if (cancelled is null)
        {
            return false;
        }
        await calls.CompleteAsync(orderId, legId, CancelOperation, cancelled.Status, l => l.Cancelled(calls.Now, reason), cancellationToken);
        return true;
    }

    /// <summary>
    /// Releases a card payment (a bank card, or a voucher card paid through the card network) whose answer never
    /// came, so has no pspReference: Adyen's technical cancel cancels by our reference whatever payment carries it,
    /// whether it was processed, is processed later or never arrives. Once Adyen has received it the leg holds
    /// nothing, so it is recorded cancelled.
    /// </summary>
    public async Task<bool> CancelUnansweredCardAsync(Guid orderId, Guid legId, string reason, CancellationToken cancellationToken)
    {
        var (order, leg, key) = await calls.BeginAsync(orderId, legId, CancelOperation, null, cancellationToken);
        var reference = order.Number + (leg.Kind == LegKind.Card ? CardReferenceSuffix : VoucherReferenceSuffix);
        var cancelled = await LegCalls.ReplayOnceAsync(() => adyen.CancelByReferenceAsync(reference, order.Number, key, cancellationToken));
        if (cancelled is null)
        {
            return false;
        }
        await orders.UpdateAsync(orderId, o =>
        {
            var leg = o.Legs.Single(l => l.Id == legId);
            PaymentLeg.CompleteCall(leg.PendingCall(CancelOperation)!, cancelled.Status, calls.Now);
            PaymentLeg.CompleteCall(leg.PendingCall(PaymentOperation)!, "technical cancel", calls.Now);
            leg.Cancelled(calls.Now, reason);
        }, cancellationToken);
        return true;
    }

    /// <summary>Cancels the Adyen partial-payment order, which rolls back every payment in it; the call is recorded on the leg that opened it.</summary>
    public async Task<bool> CancelOrderAsync(Guid orderId, Guid openingLegId, string reason, CancellationToken cancellationToken)
    {
        var (_, leg, key) = await calls.BeginAsync(orderId, openingLegId, CancelOrderOperation, null, cancellationToken);
        var reference = new AdyenOrderReference(leg.ProviderOrderReference!, leg.ProviderOrderData!);
        var cancelled = await LegCalls.ReplayOnceAsync(() => adyen.CancelOrderAsync(reference, key, cancellationToken));
        if (cancelled is null)
        {
            return false;
        }
        await orders.UpdateAsync(orderId, o =>
        {
            PaymentLeg.CompleteCall(o.Legs.Single(l => l.Id == openingLegId).PendingCall(CancelOrderOperation)!, cancelled.ResultCode, calls.Now);
            foreach (var held in o.Legs.Where(l => l.State is LegState.Authorized or LegState.Authorizing))
            {
                held.Cancelled(calls.Now, reason);
            }
        }, cancellationToken);
        return true;
    }
}
