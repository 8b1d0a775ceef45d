using MealCheckout.Core.Limits;
using MealCheckout.Core.Payments;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Limits payments and balance checks per page (circuit), per client and per card, in sliding
/// windows on the app's <see cref="TimeProvider"/>. Enforced by the checkout services themselves:
/// a Blazor circuit sends its clicks over one long-lived connection, which no HTTP limiter sees.
/// An attempt is counted against every limit or none, so a refused attempt uses up nothing. The counts
/// are <see cref="IAttemptCounts"/>: on PostgreSQL every instance counts against the same limits.
/// </summary>
public sealed class PaymentAttemptLimiter(IAttemptCounts counts, IOptions<PaymentLimitOptions> options, VoucherCardFingerprint fingerprint)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private PaymentLimitOptions Limits => options.Value;

    private TimeSpan RefusedCardWindow => TimeSpan.FromMinutes(Limits.RefusedCardWindowMinutes);

    /// <summary>
    /// True, and counted, when the payer may start one more payment. <paramref name="voucherAccount"/>
    /// names the voucher card as the daily cap does (a CONECS card's fingerprint, an Edenred user name).
    /// A bank card counts per card only when the app holds its number: one typed into the provider's
    /// secured fields is known by the provider alone, whose own velocity rules count it.
    /// </summary>
    public ValueTask<bool> TryStartPaymentAsync(PayerIdentity payer, string? voucherAccount, PaymentCard? bankCard, CancellationToken cancellationToken = default) =>
        TryStartAsync(payer, "pay", Limits.PaymentPerCircuitPerMinute, Limits.PaymentPerMinute, Limits.PaymentPerCardPerMinute,
            [voucherAccount, bankCard is null ? null : fingerprint.BeforeProviderCall(bankCard)], cancellationToken);

    /// <summary>
    /// True, and counted, when the payer may ask for one more balance or estimate for this voucher account;
    /// null when the account is not known before the call (a card in the provider's secured fields).
    /// </summary>
    public ValueTask<bool> TryStartBalanceCheckAsync(PayerIdentity payer, string? voucherAccount, CancellationToken cancellationToken = default) =>
        TryStartAsync(payer, "balance", Limits.BalanceCheckPerCircuitPerMinute, Limits.BalanceCheckPerMinute, Limits.BalanceCheckPerCardPerMinute,
            [voucherAccount], cancellationToken);

    /// <summary>The issuer would not read a card this client typed: one step closer to pausing the client.</summary>
    public async ValueTask RecordRefusedCardAsync(PayerIdentity payer, CancellationToken cancellationToken = default) =>
        await counts.CountAsync(RefusedCardsKey(payer), RefusedCardWindow, cancellationToken);

    private ValueTask<bool> TryStartAsync(PayerIdentity payer, string action, int perCircuit, int perClient, int perCard, string?[] cardKeys, CancellationToken cancellationToken)
    {
        // The refused cards only gate: a client paused by them is refused whatever it tries, and the attempt counts nowhere.
        List<AttemptLimit> limits =
        [
            new(RefusedCardsKey(payer), Limits.RefusedCardsPerClient, RefusedCardWindow, Counts: false),
            new($"{action}|circuit|{payer.CircuitKey}", perCircuit, Minute),
            new($"{action}|client|{payer.ClientKey}", perClient, Minute),
        ];
        limits.AddRange(cardKeys.OfType<string>().Distinct().Select(card => new AttemptLimit($"{action}|card|{card}", perCard, Minute)));
        return counts.TryCountAsync(limits, cancellationToken);
    }

    private static string RefusedCardsKey(PayerIdentity payer) => $"refused-card|client|{payer.ClientKey}";
}
