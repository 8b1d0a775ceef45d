using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MealCheckout.Web.Staff;

/// <summary>
/// Refuses sign-in attempts against one account from one client address after
/// <see cref="MaxFailedAttempts"/> failures in a row, for <see cref="RefusalDuration"/>. Counting
/// per (account, client) pair rather than per account means someone who knows the manager's user
/// name can only shut themselves out: the manager still signs in from their own address. An IPv6
/// client counts by its /64 network, the block one subscriber usually holds. Kept in memory: a
/// restart forgets the counts, and a second instance of the app keeps its own.
/// </summary>
public sealed class StaffSignInThrottle(TimeProvider time)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan RefusalDuration = TimeSpan.FromMinutes(15);

    // Past this many pairs, the stale ones are dropped; a pair being refused is always kept.
    private const int PairsBeforePruning = 10_000;

    private readonly ConcurrentDictionary<(string Account, string Client), Failures> failures = new();

    public bool IsRefused(string account, IPAddress? client) =>
        failures.TryGetValue(Pair(account, client), out var known) && known.RefusedUntil > time.GetUtcNow();

    public void Failed(string account, IPAddress? client)
    {
        var now = time.GetUtcNow();
        failures.AddOrUpdate(Pair(account, client),
            _ => Failures.First(now),
            (_, known) => known.IsStale(now) ? Failures.First(now) : known.Another(now));
        if (failures.Count > PairsBeforePruning)
        {
            foreach (var (pair, known) in failures.Where(f => f.Value.IsStale(now)))
            {
                failures.TryRemove(KeyValuePair.Create(pair, known));
            }
        }
    }

    public void Succeeded(string account, IPAddress? client) => failures.TryRemove(Pair(account, client), out _);

    private static (string, string) Pair(string account, IPAddress? client) => (account, ClientOf(client));

    private static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var network = address.GetAddressBytes();
        Array.Clear(network, 8, 8);
        return new IPAddress(network) + "/64";
    }

    private sealed record Failures(int Count, DateTimeOffset LastAt, DateTimeOffset RefusedUntil)
    {
        public static Failures First(DateTimeOffset now) => new(1, now, DateTimeOffset.MinValue);

        public Failures Another(DateTimeOffset now) =>
            Count + 1 >= MaxFailedAttempts ? new(0, now, now + RefusalDuration) : new(Count + 1, now, RefusedUntil);

        // Failures older than the refusal period no longer count, and an ended refusal starts afresh.
        public bool IsStale(DateTimeOffset now) => now - LastAt > RefusalDuration && RefusedUntil <= now;
    }
}
