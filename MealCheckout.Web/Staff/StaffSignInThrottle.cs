using System.Net;
using System.Net.Sockets;
using MealCheckout.Core.Limits;

namespace MealCheckout.Web.Staff;

/// <summary>
/// Refuses sign-in attempts against one account from one client address after
/// <see cref="MaxFailedAttempts"/> failures in a row, for <see cref="RefusalDuration"/>; failures followed by
/// as long without another no longer count. Counting per (account, client) pair rather than per account means
/// someone who knows the manager's user name can only shut themselves out: the manager still signs in
/// from their own address. An IPv6 client counts by its /64 network, the block one subscriber usually
/// holds. On PostgreSQL the counts are shared by every instance (<see cref="IAttemptCounts"/>): a load
/// balancer that spreads one /64 over several instances does not multiply the tries.
/// </summary>
public sealed class StaffSignInThrottle(IAttemptCounts counts)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan RefusalDuration = TimeSpan.FromMinutes(15);

    public async ValueTask<bool> IsRefusedAsync(string account, IPAddress? client) =>
        await counts.RecentAsync(RefusalKey(account, client)) > 0;

    public async ValueTask FailedAsync(string account, IPAddress? client)
    {
        var failures = FailuresKey(account, client);
        if (await counts.CountInRunAsync(failures, RefusalDuration) >= MaxFailedAttempts)
        {
            // The refusal starts the count afresh: once it ends, the pair has its full number of tries again.
            await counts.ForgetAsync(failures);
            await counts.CountAsync(RefusalKey(account, client), RefusalDuration);
        }
    }

    public ValueTask SucceededAsync(string account, IPAddress? client) => counts.ForgetAsync(FailuresKey(account, client));

    private static string FailuresKey(string account, IPAddress? client) => $"sign-in-failures|{account}|{ClientOf(client)}";

    private static string RefusalKey(string account, IPAddress? client) => $"sign-in-refused|{account}|{ClientOf(client)}";

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
}
