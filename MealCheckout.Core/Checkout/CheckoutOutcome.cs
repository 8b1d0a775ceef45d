namespace MealCheckout.Core.Checkout;

/// <summary>What went wrong, in terms the page turns into a sentence and a next step.</summary>
public enum CheckoutFailure
{
    None,

    /// <summary>The voucher card was refused (balance, cap, expired, blocked, Sunday…): try another card or pay all by bank card.</summary>
    VoucherRefused,

    /// <summary>The bank card was refused; the voucher authorisation was released.</summary>
    CardRefused,

    /// <summary>Part of the bill must go on a bank card and none was given.</summary>
    BankCardNeeded,

    /// <summary>A provider did not answer in time, or answered with an error; nothing was taken, or what was held was released.</summary>
    ProviderUnavailable,

    /// <summary>A provider did not say whether it took the money; the payment is being checked and will be completed or reversed.</summary>
    OutcomeBeingChecked,

    /// <summary>The Edenred login expired or was refused: log in to Edenred again, nothing was taken.</summary>
    EdenredLoginRequired,

    /// <summary>Too many payments or balance checks from this page, client or card in a short time: refused before any provider call.</summary>
    TooManyAttempts,
    /// <summary>Nothing was charged: the split is not the one the diner confirmed. <see cref="CheckoutOutcome.Proposed"/> is the split to show and confirm.</summary>
    SplitChanged,

    /// <summary>
    /// The voucher issuer authorised less than asked. The authorisation is held, nothing else is charged:
    /// the diner confirms <see cref="CheckoutOutcome.Proposed"/> (the card pays the difference) or cancels, which releases it.
    /// </summary>
    PartiallyAuthorised,

    /// <summary>The diner declined a partial authorisation: it was released, nothing was charged.</summary>
    DinerCancelled,

    /// <summary>The restaurant does not accept this voucher brand (its settings say so): nothing was asked of the issuer.</summary>
    IssuerNotAccepted,

    /// <summary>The restaurant's settings (SIRET, accepted issuers and merchant IDs) are not complete: it takes no payment yet.</summary>
    RestaurantNotReady,
}

/// <summary>The result of one checkout attempt. <see cref="ProviderCode"/> keeps the provider's own reason.</summary>
public sealed record CheckoutOutcome(Guid OrderId, string? OrderNumber, CheckoutFailure Failure, string? ProviderCode = null)
{
    public bool Paid => Failure == CheckoutFailure.None;

    /// <summary>The split to show the diner instead of the one confirmed, with why (<see cref="CheckoutFailure.SplitChanged"/>, <see cref="CheckoutFailure.PartiallyAuthorised"/>).</summary>
    public ConfirmedSplit? Proposed { get; init; }

    public SplitChange? Change { get; init; }

    /// <summary>Asks the diner to confirm <paramref name="proposed"/>; nothing more is charged until they do.</summary>
    public static CheckoutOutcome SplitChangedTo(Guid checkoutId, ConfirmedSplit confirmed, ConfirmedSplit proposed) =>
        new(checkoutId, null, CheckoutFailure.SplitChanged) { Proposed = proposed, Change = ConfirmedSplit.ChangeBetween(confirmed, proposed) };
}
