using System.Diagnostics;

namespace MealCheckout.Benchmarks.Circuits;

/// <summary>Writes a server's managed heap graph with the <c>dotnet-gcdump</c> global tool, read with <c>dotnet-gcdump report</c>.</summary>
public static class GcDump
{
    /// <summary>Does nothing without a folder.</summary>
    public static async Task WriteAsync(string? folder, int processId, string fileName)
    {
        if (folder is null)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var path = Path.GetFullPath(Path.Combine(folder, fileName));
        var start = new ProcessStartInfo("dotnet-gcdump");
        foreach (var arg in new[] { "collect", "--process-id", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", path })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet-gcdump (dotnet tool install -g dotnet-gcdump).");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet-gcdump exited with code {process.ExitCode}.");
        }
    }
}
