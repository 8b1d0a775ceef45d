using System.Net;
using System.Net.Sockets;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// A loopback port nothing listens on, for a server the tests start as a process of its own. It is drawn below the
/// system's ephemeral range: a port the system handed out (port 0) is free only until the system hands it out again,
/// to another test's server or to an outgoing connection, and a server that binds it seconds later then finds it taken.
/// </summary>
public static class LoopbackPort
{
    private const int Lowest = 20_000;
    private static readonly HashSet<int> HandedOut = [];

    public static int Free()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            lock (HandedOut)
            {
                if (!HandedOut.Contains(port) && NothingListensOn(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"No free loopback port between {Lowest} and {below}.");
    }

    private static bool NothingListensOn(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port the system may hand out by itself (Linux: <c>ip_local_port_range</c>; 32768 by default).</summary>
    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start) && start > Lowest + 1_000
            ? start
            : 32_768;
    }
}
