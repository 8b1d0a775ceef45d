using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded into a server the circuit benchmark starts (DOTNET_STARTUP_HOOKS, .NET's name for it: a class
/// called StartupHook outside any namespace). When the benchmark connects to the port in
/// <see cref="MealCheckout.Benchmarks.Circuits.HeapProbe.PortVariable"/>, it forces full, compacting
/// collections and answers the bytes still held by the managed heap. The server's own code is untouched.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(MealCheckout.Benchmarks.Circuits.HeapProbe.PortVariable), CultureInfo.InvariantCulture, out var port))
        {
            return;
        }
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        new Thread(() => Answer(listener)) { IsBackground = true, Name = "heap probe" }.Start();
    }

    private static void Answer(TcpListener listener)
    {
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            using var stream = client.GetStream();
            var bytes = Encoding.ASCII.GetBytes(MealCheckout.Benchmarks.Circuits.HeapProbe.RetainedBytes().ToString(CultureInfo.InvariantCulture));
            stream.Write(bytes);
        }
    }
}
