using System.Diagnostics;
using System.Net.Sockets;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// nginx in front of two app instances on loopback, configured from the deployment sample
/// (deploy/nginx/mealcheckout.conf.template) in a temporary folder that also holds its pid, logs and
/// temporary files. It runs in the foreground as a child process and is killed when disposed.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    /// <summary>The response header naming the instance that answered ("127.0.0.1:port"; both, comma-separated, when the first was down).</summary>
    public const string UpstreamHeader = "X-Upstream";

    private readonly TestDirectory folder;
    private readonly Process process;

    private NginxProxy(TestDirectory folder, Process process, int port)
    {
        this.folder = folder;
        this.process = process;
        RootUri = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri RootUri { get; }

    /// <summary>What nginx logged about itself and the instances it could not reach.</summary>
    public string ErrorLog => Log("error.log");

    /// <summary>Every request nginx passed on, with the instance that served it (written when the request ends).</summary>
    public string AccessLog => Log("access.log");

    /// <summary>Starts nginx on <paramref name="port"/> (chosen before, so the sandbox can be told where to post), balancing <paramref name="first"/> and <paramref name="second"/>.</summary>
    public static async Task<NginxProxy> StartAsync(int port, Uri first, Uri second)
    {
        var folder = new TestDirectory();
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Nginx", "mealcheckout.conf.template"));
        await File.WriteAllTextAsync(folder.File("nginx.conf"), template
            .Replace("${NGINX_LISTEN}", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("${FIRST_INSTANCE}", first.Authority, StringComparison.Ordinal)
            .Replace("${SECOND_INSTANCE}", second.Authority, StringComparison.Ordinal));
        // Everything nginx says goes to error.log in its folder (-e: even before it reads the configuration).
        var start = new ProcessStartInfo(Executable(), ["-p", folder.Path, "-c", folder.File("nginx.conf"), "-e", folder.File("error.log")])
        {
            UseShellExecute = false,
        };
        var proxy = new NginxProxy(folder, Process.Start(start)!, port);
        try
        {
            await proxy.WaitUntilListeningAsync();
            return proxy;
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        folder.Dispose();
    }

    /// <summary>nginx on PATH, or where Debian's package puts it (/usr/sbin is not on every user's PATH).</summary>
    private static string Executable()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "nginx"));
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "nginx was not found on PATH nor in /usr/sbin: install Debian's nginx package (test.sh does).");
    }

    private string Log(string name) => File.Exists(folder.File(name)) ? File.ReadAllText(folder.File(name)) : "";

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited ({process.ExitCode}): {ErrorLog}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", RootUri.Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"nginx did not listen on {RootUri}: {ErrorLog}");
    }
}
