using System.Diagnostics;
using System.Text;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// Runs a built program of the solution (the web app, or the sandbox on its own) as its own process,
/// the way a deployment starts it, with settings given as environment variables: either until it
/// exits on its own (start-up checks), or serving on a loopback port until it is killed or disposed.
/// </summary>
public sealed class AppProcess : IDisposable
{
    public const string WebApp = "MealCheckout.Web";
    public const string Sandbox = "MealCheckout.Sandbox";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, Uri rootUri)
    {
        this.process = process;
        RootUri = rootUri;
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public sealed record Exit(int Code, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Where it serves, e.g. http://127.0.0.1:41234/.</summary>
    public Uri RootUri { get; }

    public bool HasExited => process.HasExited;

    /// <summary>What it wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the app and waits for it to exit on its own; one that is still running after <paramref name="patience"/> is killed and reported as such.</summary>
    public static async Task<Exit> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan patience)
    {
        using var process = Process.Start(StartInfo(WebApp, "http://127.0.0.1:0", environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The app kept running instead of refusing to start.");
        }
        return new Exit(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Starts <paramref name="program"/> (<see cref="WebApp"/> or <see cref="Sandbox"/>) on a loopback port (<paramref name="port"/>,
    /// or a free one) with <paramref name="settings"/> (configuration keys, "Section:Key"), and returns once <paramref name="readyPath"/> answers.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string program, IReadOnlyDictionary<string, string> settings, string readyPath, int? port = null)
    {
        var root = new Uri($"http://127.0.0.1:{port ?? LoopbackPort.Free()}/");
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        var started = new AppProcess(Process.Start(StartInfo(program, root.ToString().TrimEnd('/'), environment))!, root);
        try
        {
            await started.WaitUntilAnsweringAsync(readyPath, TimeSpan.FromMinutes(3));
            return started;
        }
        catch
        {
            started.Dispose();
            throw;
        }
    }

    /// <summary>Ends it at once with everything it started, as a crash or a pulled plug would: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    /// <summary>The program as built beside the tests, with its settings files and static web assets manifest.</summary>
    private static ProcessStartInfo StartInfo(string program, string urls, IDictionary<string, string> environment)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, program + ".dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = urls;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information"; // its "Now listening on" tells the start is this process's
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private async Task WaitUntilAnsweringAsync(string readyPath, TimeSpan patience)
    {
        using var client = new HttpClient { BaseAddress = RootUri, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.ArgumentList[0]} exited ({process.ExitCode}) before serving:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(readyPath);
                // Another server may answer on a port taken since it was chosen: only this process saying it listens there counts.
                if (response.IsSuccessStatusCode && Output.Contains($"Now listening on: {RootUri.ToString().TrimEnd('/')}", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{process.StartInfo.ArgumentList[0]} did not answer {readyPath} within {patience}:\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
