using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MealCheckout.Benchmarks.Circuits;

/// <summary>Reads a server's retained managed heap through the <see cref="StartupHook"/> loaded into it.</summary>
public static class HeapProbe
{
    public const string PortVariable = "MEALCHECKOUT_HEAP_PROBE_PORT";

    /// <summary>The environment that loads the probe into a child .NET process listening on <paramref name="port"/>.</summary>
    public static Dictionary<string, string> Environment(int port) => new()
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(HeapProbe).Assembly.Location,
        [PortVariable] = port.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>In the server: what the managed heap still holds after full, compacting collections and finalizers.</summary>
    public static long RetainedBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>In the benchmark: asks the server listening on <paramref name="port"/>.</summary>
    public static async Task<long> ReadAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var reader = new StreamReader(client.GetStream());
        return long.Parse(await reader.ReadToEndAsync(), CultureInfo.InvariantCulture);
    }
}
