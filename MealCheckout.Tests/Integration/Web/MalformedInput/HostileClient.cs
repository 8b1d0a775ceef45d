using System.Net;
using System.Net.Sockets;
using System.Text;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Web.MalformedInput;

/// <summary>
/// What the app answered one hostile request (status 0: the connection ended without an answer),
/// and the log lines that request wrote.
/// </summary>
public sealed record HostileAnswer(int Status, string? Location, string Body, IReadOnlyList<CapturedLogs.LogEntry> Logged);

/// <summary>
/// Sends one hostile request at a time to an app on loopback Kestrel, through HttpClient or as raw
/// bytes over TCP (what HttpClient refuses to send), and counts the log lines each one wrote.
/// </summary>
public sealed class HostileClient(MealCheckoutAppFactory app, CapturedLogs logs, HttpClient client)
{
    public Uri Root => app.RootUri;

    public async Task<HostileAnswer> SendAsync(HttpRequestMessage request)
    {
        var before = logs.Count;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new HostileAnswer((int)response.StatusCode, response.Headers.Location?.OriginalString, body, await LoggedSinceAsync(before));
    }

    /// <summary>Writes the bytes as they are, then reads the status line and headers of the answer.</summary>
    public async Task<HostileAnswer> SendRawAsync(byte[] request, bool closeAfterSending = false)
    {
        var before = logs.Count;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Root.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        if (closeAfterSending)
        {
            tcp.Client.Shutdown(SocketShutdown.Send); // the body ends before its announced length
        }
        var answer = await ReadHeadAsync(stream);
        var statusLine = answer.Split("\r\n")[0].Split(' ');
        var status = statusLine.Length > 1 ? int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var location = answer.Split("\r\n").FirstOrDefault(l => l.StartsWith("Location:", StringComparison.OrdinalIgnoreCase))?["Location:".Length..].Trim();
        return new HostileAnswer(status, location, answer, await LoggedSinceAsync(before));
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break; // the server dropped the connection: what arrived before is the answer
            }
            if (read == 0)
            {
                break;
            }
            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
        return received.ToString();
    }

    /// <summary>Entries logged since <paramref name="before"/>, once logging has settled (a line may follow the answer by a moment).</summary>
    private async Task<IReadOnlyList<CapturedLogs.LogEntry>> LoggedSinceAsync(int before)
    {
        await Task.Delay(20);
        return [.. logs.Entries.Skip(before)];
    }
}
