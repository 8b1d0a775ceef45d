using System.Collections.Concurrent;
using System.Security.Cryptography;
using MealCheckout.Core.Calendar;
using Microsoft.Extensions.Options;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>An Edenred transaction as the emulated issuer keeps it.</summary>
public sealed class EdenredTransaction
{
    public required string AuthorizationId { get; init; }
    public required string Username { get; init; }
    public required string OrderRef { get; init; }
    public required string Mid { get; init; }
    public required long Amount { get; init; }
    public required string CaptureMode { get; init; }
    public string? ExtraField { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; internal set; } = "authorized";
    public string? CaptureId { get; internal set; }
    public string? CancelId { get; internal set; }
    public string? RefundId { get; internal set; }

    /// <summary>Money the issuer holds for the merchant but has not taken.</summary>
    public long HeldAmount => Status == "authorized" ? Amount : 0;

    public long CapturedAmount => Status is "captured" or "refunded" ? Amount : 0;

    public long RefundedAmount => Status == "refunded" ? Amount : 0;
}

/// <summary>
/// Balances, daily spending and transactions of the emulated Edenred accounts, for the app's
/// lifetime. Writes for one account are serialised so the daily limit holds under concurrency.
/// </summary>
public sealed class EdenredLedger
{
    private readonly ConcurrentDictionary<string, EdenredTransaction> transactions = new();
    private readonly Dictionary<string, long> balances;
    private readonly DateOnly seededDay;
    private readonly TimeProvider time;
    private readonly object gate = new();

    public EdenredLedger(TimeProvider time, IOptions<SandboxOptions> options)
    {
        this.time = time;
        seededDay = ParisCalendar.DayOf(time.GetUtcNow());
        balances = EdenredTestUsers.All.ToDictionary(u => u.Username, u => options.Value.Edenred.BalanceCents ?? u.BalanceCents, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<EdenredTransaction> Transactions => transactions.Values.ToList();

    public EdenredTransaction? Find(string authorizationId) => transactions.GetValueOrDefault(authorizationId);

    /// <summary>Money of the account not yet captured nor held.</summary>
    public long Available(string username)
    {
        lock (gate)
        {
            return balances[username] - transactions.Values.Where(t => Same(t.Username, username)).Sum(t => t.HeldAmount);
        }
    }

    /// <summary>What the account may still spend today (Paris day), under its daily limit.</summary>
    public long LimitLeftToday(EdenredTestUser user, long defaultLimit)
    {
        lock (gate)
        {
            var today = ParisCalendar.DayOf(time.GetUtcNow());
            var spent = transactions.Values
                .Where(t => Same(t.Username, user.Username) && ParisCalendar.DayOf(t.CreatedAt) == today && t.Status is "authorized" or "captured")
                .Sum(t => t.Amount);
            if (today == seededDay)
            {
                spent += user.SpentTodayCents;
            }
            return Math.Max(0, (user.DailyLimitCents ?? defaultLimit) - spent);
        }
    }

    /// <summary>Checks the limits and records the transaction atomically; returns the failing code, if any.</summary>
    public (EdenredTransaction? Transaction, string? ErrorCode) TryAuthorize(EdenredTestUser user, long defaultLimit, string orderRef, string mid, long amount, string captureMode, string? extraField)
    {
        lock (gate)
        {
            if (amount > LimitLeftToday(user, defaultLimit))
            {
                return (null, "LIMIT_EXCEEDED");
            }
            if (amount > Available(user.Username))
            {
                return (null, "INVALID_AMOUNT");
            }
            var id = NewId();
            var transaction = new EdenredTransaction
            {
                AuthorizationId = id,
                Username = user.Username,
                OrderRef = orderRef,
                Mid = mid,
                Amount = amount,
                CaptureMode = captureMode,
                ExtraField = extraField,
                CreatedAt = time.GetUtcNow(),
            };
            transactions[id] = transaction;
            if (captureMode == "auto")
            {
                Capture(transaction);
            }
            return (transaction, null);
        }
    }

    public void Capture(EdenredTransaction transaction)
    {
        lock (gate)
        {
            transaction.Status = "captured";
            transaction.CaptureId = transaction.AuthorizationId;
            balances[transaction.Username] -= transaction.Amount;
        }
    }

    public void Cancel(EdenredTransaction transaction)
    {
        lock (gate)
        {
            transaction.Status = "cancelled";
            transaction.CancelId = NewId()[..28];
        }
    }

    public void Refund(EdenredTransaction transaction)
    {
        lock (gate)
        {
            transaction.Status = "refunded";
            transaction.RefundId = NewId()[..28];
            balances[transaction.Username] += transaction.Amount;
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // Shaped like the document's ids: "MTU5MjM3NjcyNzE5OTkyMjQ4MDAwM-642338".
    private static string NewId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(21)).Replace('+', 'A').Replace('/', 'B')[..28] + "-" + RandomNumberGenerator.GetInt32(100_000, 999_999);
}
