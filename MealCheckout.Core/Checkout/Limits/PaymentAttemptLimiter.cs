using MealCheckout.Core.Payments;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// Limits payments and balance checks per page (circuit), per client and per card, in sliding
/// windows on the app's <see cref="TimeProvider"/>. Enforced by the checkout services themselves:
/// a Blazor circuit sends its clicks over one long-lived connection, which no HTTP limiter sees.
/// An attempt is counted against every limit or none, so a refused attempt uses up nothing.
/// </summary>
public sealed class PaymentAttemptLimiter(TimeProvider time, IOptions<PaymentLimitOptions> options, VoucherCardFingerprint fingerprint)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> recent = new(StringComparer.Ordinal);
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    private PaymentLimitOptions Limits => options.Value;

    private TimeSpan RefusedCardWindow => TimeSpan.FromMinutes(Limits.RefusedCardWindowMinutes);

    /// <summary>
    /// True, and counted, when the payer may start one more payment. <paramref name="voucherAccount"/>
    /// names the voucher card as the daily cap does (a CONECS card's fingerprint, an Edenred user name).
    /// A bank card counts per card only when the app holds its number: one typed into the provider's
    /// secured fields is known by the provider alone, whose own velocity rules count it.
    /// </summary>
    public bool TryStartPayment(PayerIdentity payer, string? voucherAccount, PaymentCard? bankCard) =>
        TryStart(payer, "pay", Limits.PaymentPerCircuitPerMinute, Limits.PaymentPerMinute, Limits.PaymentPerCardPerMinute,
            [voucherAccount, bankCard is null ? null : fingerprint.BeforeProviderCall(bankCard)]);

    /// <summary>
    /// True, and counted, when the payer may ask for one more balance or estimate for this voucher account;
    /// null when the account is not known before the call (a card in the provider's secured fields).
    /// </summary>
    public bool TryStartBalanceCheck(PayerIdentity payer, string? voucherAccount) =>
        TryStart(payer, "balance", Limits.BalanceCheckPerCircuitPerMinute, Limits.BalanceCheckPerMinute, Limits.BalanceCheckPerCardPerMinute, [voucherAccount]);

    /// <summary>The issuer would not read a card this client typed: one step closer to pausing the client.</summary>
    public void RecordRefusedCard(PayerIdentity payer)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            Events(RefusedCardsKey(payer), now, RefusedCardWindow).Enqueue(now);
        }
    }

    private bool TryStart(PayerIdentity payer, string action, int perCircuit, int perClient, int perCard, string?[] cardKeys)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            SweepIdle(now);
            if (Events(RefusedCardsKey(payer), now, RefusedCardWindow).Count >= Limits.RefusedCardsPerClient)
            {
                return false;
            }
            var counted = new List<(Queue<DateTimeOffset> Events, int Limit)>
            {
                (Events($"{action}|circuit|{payer.CircuitKey}", now, Minute), perCircuit),
                (Events($"{action}|client|{payer.ClientKey}", now, Minute), perClient),
            };
            counted.AddRange(cardKeys.OfType<string>().Distinct().Select(card => (Events($"{action}|card|{card}", now, Minute), perCard)));
            if (counted.Any(c => c.Events.Count >= c.Limit))
            {
                return false;
            }
            counted.ForEach(c => c.Events.Enqueue(now));
            return true;
        }
    }

    private static string RefusedCardsKey(PayerIdentity payer) => $"refused-card|client|{payer.ClientKey}";

    /// <summary>The key's events still inside the window ending now.</summary>
    private Queue<DateTimeOffset> Events(string key, DateTimeOffset now, TimeSpan window)
    {
        if (!recent.TryGetValue(key, out var events))
        {
            events = new Queue<DateTimeOffset>();
            recent[key] = events;
        }
        while (events.TryPeek(out var oldest) && oldest <= now - window)
        {
            events.Dequeue();
        }
        return events;
    }

    /// <summary>Forgets keys with nothing recent, so circuits and cards seen once do not pile up.</summary>
    private void SweepIdle(DateTimeOffset now)
    {
        var longest = RefusedCardWindow > Minute ? RefusedCardWindow : Minute;
        if (now - lastSweep < longest)
        {
            return;
        }
        lastSweep = now;
        foreach (var key in recent.Where(e => e.Value.Count == 0 || e.Value.Last() <= now - longest).Select(e => e.Key).ToList())
        {
            recent.Remove(key);
        }
    }
}
