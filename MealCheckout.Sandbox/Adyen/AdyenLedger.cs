using System.Collections.Concurrent;
using System.Security.Cryptography;
using MealCheckout.Core.Calendar;
using Microsoft.Extensions.Options;

namespace MealCheckout.Sandbox.Adyen;

/// <summary>A payment the emulated platform knows. Status: authorised, captured, cancelled, refunded, refused.</summary>
public sealed class AdyenPayment
{
    public required string PspReference { get; init; }
    public required string MerchantReference { get; init; }
    public required string CardNumber { get; init; }
    public required string PaymentMethod { get; init; }
    public required long RequestedAmount { get; init; }
    public required long AuthorisedAmount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? OrderPspReference { get; init; }
    public string ResultCode { get; init; } = "Authorised";
    public string? RefusalReason { get; init; }
    public string Status { get; internal set; } = "authorised";
    public long CapturedAmount { get; internal set; }
    public long RefundedAmount { get; internal set; }

    public long HeldAmount => Status == "authorised" ? AuthorisedAmount : 0;
}

/// <summary>A partial-payment order: the payments that together pay one amount.</summary>
public sealed class AdyenOrder
{
    public required string PspReference { get; init; }
    public required string OrderData { get; init; }
    public required string Reference { get; init; }
    public required long Amount { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string Status { get; internal set; } = "open";
    public List<string> Payments { get; } = [];
}

/// <summary>Card balances, daily spending, payments and orders of the emulated platform.</summary>
public sealed class AdyenLedger(TimeProvider time, IOptions<SandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, AdyenPayment> payments = new();
    private readonly ConcurrentDictionary<string, AdyenOrder> orders = new();
    private readonly ConcurrentDictionary<string, int> wrongCvcs = new();
    private readonly ConcurrentDictionary<string, long> spentFromBalance = new();

    // Indexes, so a balance or a daily cap reads the card's own payments, not every payment of a long run.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, AdyenPayment>> heldByCard = new();
    private readonly ConcurrentDictionary<(string Card, DateOnly Day), ConcurrentDictionary<string, AdyenPayment>> byCardAndDay = new();

    internal object Gate { get; } = new();

    public IReadOnlyCollection<AdyenPayment> Payments => payments.Values.ToList();

    public IReadOnlyCollection<AdyenOrder> Orders => orders.Values.ToList();

    public AdyenPayment? FindPayment(string pspReference) => payments.GetValueOrDefault(pspReference);

    public AdyenOrder? FindOrder(string pspReference) => orders.GetValueOrDefault(pspReference);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Balance left: the card's balance less what was captured or is held.</summary>
    public long Balance(AdyenTestCard card) =>
        ((card.PaymentType == "mealVoucher_FR" ? options.Value.Adyen.VoucherBalanceCents : options.Value.Adyen.CardBalanceCents) ?? card.BalanceCents) - spentFromBalance.GetValueOrDefault(card.Number) - payments.Values.Where(p => p.CardNumber == card.Number).Sum(p => p.HeldAmount);

    /// <summary>What a meal-voucher card paid or holds today (Paris day), for the daily cap.</summary>
    public long SpentToday(AdyenTestCard card)
    {
        var today = ParisCalendar.DayOf(Now);
        return payments.Values.Where(p => p.CardNumber == card.Number && ParisCalendar.DayOf(p.CreatedAt) == today && p.Status is "authorised" or "captured")
            .Sum(p => p.AuthorisedAmount);
    }

    /// <summary>Counts a wrong CVC; true once the card has locked.</summary>
    public bool WrongCvc(AdyenTestCard card) => wrongCvcs.AddOrUpdate(card.Number, 1, (_, n) => n + 1) >= 3;

    public bool IsLocked(AdyenTestCard card) => wrongCvcs.GetValueOrDefault(card.Number) >= 3;

    public void Record(AdyenPayment payment)
    {
        payments[payment.PspReference] = payment;
        byCardAndDay.GetOrAdd((payment.CardNumber, ParisCalendar.DayOf(payment.CreatedAt)), _ => new())[payment.PspReference] = payment;
        if (payment.HeldAmount > 0)
        {
            heldByCard.GetOrAdd(payment.CardNumber, _ => new())[payment.PspReference] = payment;
        }
    }

    /// <summary>What the card's authorised payments hold; a payment no longer held (captured, cancelled, refused) leaves the index here.</summary>
    private long Held(string cardNumber)
    {
        if (!heldByCard.TryGetValue(cardNumber, out var held))
        {
            return 0;
        }
        var total = 0L;
        foreach (var (reference, payment) in held)
        {
            if (payment.HeldAmount == 0)
            {
                held.TryRemove(reference, out _);
            }
            total += payment.HeldAmount;
        }
        return total;
    }

    public AdyenOrder OpenOrder(string reference, long amount)
    {
        var order = new AdyenOrder
        {
            PspReference = NewPspReference(),
            OrderData = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            Reference = reference,
            Amount = amount,
            ExpiresAt = Now.AddMinutes(30),
        };
        orders[order.PspReference] = order;
        return order;
    }

    public long Remaining(AdyenOrder order) =>
        order.Amount - order.Payments.Select(FindPayment).Where(p => p is { Status: "authorised" or "captured" }).Sum(p => p!.AuthorisedAmount);

    public void Capture(AdyenPayment payment, long amount)
    {
        payment.Status = "captured";
        payment.CapturedAmount = amount;
        spentFromBalance.AddOrUpdate(payment.CardNumber, amount, (_, s) => s + amount);
    }

    public void Cancel(AdyenPayment payment) => payment.Status = "cancelled";

    private readonly ConcurrentDictionary<string, bool> technicallyCancelled = new();

    /// <summary>Remembers a technical cancel, which also applies to a payment with that reference arriving later.</summary>
    public void CancelReference(string merchantReference) => technicallyCancelled[merchantReference] = true;

    public bool IsReferenceCancelled(string merchantReference) => technicallyCancelled.ContainsKey(merchantReference);

    /// <summary>A refund, whole or part: the payment stays captured until its refunds add up to the capture.</summary>
    public void Refund(AdyenPayment payment, long amount)
    {
        payment.RefundedAmount += amount;
        if (payment.RefundedAmount >= payment.CapturedAmount)
        {
            payment.Status = "refunded";
        }
        spentFromBalance.AddOrUpdate(payment.CardNumber, -amount, (_, s) => s - amount);
    }

    public static string NewPspReference() => string.Concat(Enumerable.Range(0, 16).Select(_ => (char)('A' + RandomNumberGenerator.GetInt32(26))));
}
