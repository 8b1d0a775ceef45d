using System.ComponentModel.DataAnnotations;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Section "RateLimits": how many payments and balance checks one client (network address), one
/// page (circuit) and one card may start per minute, and how many refused cards a client may try
/// before its balance checks and payments are paused.
/// </summary>
public sealed class PaymentLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Payments a client may start per minute.</summary>
    [Range(1, 1_000_000)]
    public int PaymentPerMinute { get; set; } = 30;

    [Range(1, 1_000_000)]
    public int PaymentPerCircuitPerMinute { get; set; } = 10;

    /// <summary>Payments one voucher or bank card may be used in per minute, whoever the client.</summary>
    [Range(1, 1_000_000)]
    public int PaymentPerCardPerMinute { get; set; } = 5;

    /// <summary>Balance checks (a CONECS balance, an Edenred estimate) a client may ask for per minute.</summary>
    [Range(1, 1_000_000)]
    public int BalanceCheckPerMinute { get; set; } = 30;

    [Range(1, 1_000_000)]
    public int BalanceCheckPerCircuitPerMinute { get; set; } = 15;

    [Range(1, 1_000_000)]
    public int BalanceCheckPerCardPerMinute { get; set; } = 10;

    /// <summary>
    /// Voucher cards the issuer refused to read (unknown number, expired, blocked) that one client may
    /// try within <see cref="RefusedCardWindowMinutes"/>; after that its balance checks and payments
    /// are refused until the oldest refusal leaves the window. The balance check needs no CVC, so
    /// without this it would tell a card tester which numbers exist.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RefusedCardsPerClient { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int RefusedCardWindowMinutes { get; set; } = 15;
}
