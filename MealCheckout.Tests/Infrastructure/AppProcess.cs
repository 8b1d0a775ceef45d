using System.Diagnostics;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// Runs the built web app as its own process, the way a deployment starts it, with settings given
/// as environment variables; for start-up checks that must stop the process before it serves.
/// </summary>
public static class AppProcess
{
    public sealed record Exit(int Code, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Starts the app and waits for it to exit on its own; one that is still running after <paramref name="patience"/> is killed and reported as such.</summary>
    public static async Task<Exit> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan patience)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MealCheckout.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
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
}
