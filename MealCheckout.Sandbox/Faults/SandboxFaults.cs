using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace MealCheckout.Sandbox.Faults;

/// <summary>Which emulated provider a fault applies to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultTarget>))]
public enum FaultTarget
{
    EdenredApi,
    Adyen,
}

/// <summary>What goes wrong.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Answer normally, <see cref="SandboxFault.Value"/> milliseconds late.</summary>
    Latency,

    /// <summary>Answer with HTTP status <see cref="SandboxFault.Value"/> (5xx, 429…) and the provider's error body, doing nothing.</summary>
    Status,

    /// <summary>Answer with the Edenred error <see cref="SandboxFault.Code"/> from the document's table, doing nothing.</summary>
    ErrorCode,

    /// <summary>Answer 200 with a body that is not JSON, doing nothing.</summary>
    MalformedBody,

    /// <summary>Close the connection without an answer, doing nothing.</summary>
    DropConnection,

    /// <summary>Do the operation (money moves), then hold the answer and drop the connection: the caller cannot know.</summary>
    TimeoutAfterCommit,
}

/// <summary>
/// A fault armed for the next <see cref="Times"/> matching requests. <see cref="Match"/> narrows it
/// to requests whose path or account (Edenred username, card number's last four) contains it.
/// </summary>
/// <see cref="PathEndsWith"/>, when set, also requires the request path to end with it ("/payments" but not "/captures");
/// <see cref="Method"/>, when set, the HTTP method ("GET" hits the status reads, not the writes on the same path).
public sealed record SandboxFault(FaultTarget Target, FaultKind Kind, string? Match = null, int Value = 0, string? Code = null, int Times = 1, string? PathEndsWith = null, string? Method = null);

/// <summary>
/// A share of every request to the emulated providers faulted at random, for chaos runs: 5xx and 429
/// answers, answers lost after the operation happened (held <see cref="CommitHoldMilliseconds"/> then
/// dropped), dropped connections, garbage bodies, and Edenred's TEMPORARY_HOLD refusal.
/// </summary>
public sealed record RandomFaults(double Rate, int Seed = 0, int CommitHoldMilliseconds = 300);

/// <summary>Faults tests arm on demand, through this singleton or POST /sandbox/control/faults; random ones through POST /sandbox/control/chaos.</summary>
public sealed class SandboxFaults
{
    private static readonly SandboxFault[] CommonKinds =
    [
        new(FaultTarget.Adyen, FaultKind.Status, Value: 500), new(FaultTarget.Adyen, FaultKind.Status, Value: 502),
        new(FaultTarget.Adyen, FaultKind.Status, Value: 503), new(FaultTarget.Adyen, FaultKind.Status, Value: 429),
        new(FaultTarget.Adyen, FaultKind.TimeoutAfterCommit), new(FaultTarget.Adyen, FaultKind.DropConnection),
        new(FaultTarget.Adyen, FaultKind.MalformedBody),
    ];

    private readonly ConcurrentQueue<Armed> armed = new();
    private readonly Lock randomGate = new();
    private (RandomFaults Settings, Random Draw)? random;

    /// <summary>Faults a share of all requests from now on; null stops it.</summary>
    public void Randomise(RandomFaults? settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings?.Rate ?? 0, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings?.Rate ?? 0, 1);
        lock (randomGate)
        {
            random = settings is null ? null : (settings, new Random(settings.Seed));
        }
    }

    public RandomFaults? RandomSettings
    {
        get
        {
            lock (randomGate)
            {
                return random?.Settings;
            }
        }
    }

    public void Arm(SandboxFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        armed.Enqueue(new Armed(fault, fault.Times));
    }

    public void Clear()
    {
        armed.Clear();
        Randomise(null);
    }

    public IReadOnlyList<SandboxFault> Pending => armed.Where(a => a.Remaining > 0).Select(a => a.Fault with { Times = a.Remaining }).ToList();

    /// <summary>Takes one use of the first fault matching this request, if any.</summary>
    public SandboxFault? Take(FaultTarget target, string path, string? account, string method = "POST")
    {
        foreach (var candidate in armed)
        {
            if (candidate.Fault.Target == target && Matches(candidate.Fault.Match, path, account)
                && (candidate.Fault.Method is null || string.Equals(candidate.Fault.Method, method, StringComparison.OrdinalIgnoreCase))
                && (candidate.Fault.PathEndsWith is null || path.EndsWith(candidate.Fault.PathEndsWith, StringComparison.OrdinalIgnoreCase))
                && candidate.TryUse())
            {
                return candidate.Fault;
            }
        }
        return DrawRandom(target);
    }

    private SandboxFault? DrawRandom(FaultTarget target)
    {
        lock (randomGate)
        {
            if (random is not var (settings, draw) || draw.NextDouble() >= settings.Rate)
            {
                return null;
            }
            var kinds = target == FaultTarget.EdenredApi ? CommonKinds.Length + 1 : CommonKinds.Length;
            var pick = draw.Next(kinds);
            var fault = pick < CommonKinds.Length
                ? CommonKinds[pick] with { Target = target }
                : new SandboxFault(target, FaultKind.ErrorCode, Code: "TEMPORARY_HOLD");
            return fault.Kind == FaultKind.TimeoutAfterCommit ? fault with { Value = settings.CommitHoldMilliseconds } : fault;
        }
    }

    private static bool Matches(string? match, string path, string? account) =>
        string.IsNullOrEmpty(match)
        || path.Contains(match, StringComparison.OrdinalIgnoreCase)
        || (account is not null && account.Contains(match, StringComparison.OrdinalIgnoreCase));

    private sealed class Armed(SandboxFault fault, int remaining)
    {
        private int remaining = remaining;

        public SandboxFault Fault { get; } = fault;

        public int Remaining => Volatile.Read(ref remaining);

        public bool TryUse()
        {
            while (true)
            {
                var current = Volatile.Read(ref remaining);
                if (current <= 0)
                {
                    return false;
                }
                if (Interlocked.CompareExchange(ref remaining, current - 1, current) == current)
                {
                    return true;
                }
            }
        }
    }
}
