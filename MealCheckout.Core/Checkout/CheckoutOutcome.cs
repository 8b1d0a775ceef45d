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

    /// <summary>A provider did not answer in time; nothing was taken, or what was held was released.</summary>
    ProviderUnavailable,

    /// <summary>A provider did not say whether it took the money; the payment is being checked and will be completed or reversed.</summary>
    OutcomeBeingChecked,

    /// <summary>The Edenred login expired or was refused: log in to Edenred again, nothing was taken.</summary>
    EdenredLoginRequired,

    /// <summary>Too many payments or balance checks from this page, client or card in a short time: refused before any provider call.</summary>
    TooManyAttempts,
}

/// <summary>The result of one checkout attempt. <see cref="ProviderCode"/> keeps the provider's own reason.</summary>
public sealed record CheckoutOutcome(Guid OrderId, string? OrderNumber, CheckoutFailure Failure, string? ProviderCode = null)
{
    public bool Paid => Failure == CheckoutFailure.None;
}
