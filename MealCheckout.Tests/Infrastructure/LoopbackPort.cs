using System.Net;
using System.Net.Sockets;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>A loopback port nothing listens on, for a server the tests start as a process of its own.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
