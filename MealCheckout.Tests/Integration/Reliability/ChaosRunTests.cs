using System.Diagnostics;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Reliability;

/// <summary>
/// The repository's chaos command, small: 30 split checkouts with a fifth of provider calls faulted and the
/// app killed once mid-payment, the emulators and the app each in their own process. It counts the money
/// from the providers' ledgers and the database, and fails if any is out of place.
/// </summary>
public sealed class ChaosRunTests : IDisposable
{
    private readonly TestDirectory folder = new();

    [Fact]
    public async Task Thirty_checkouts_with_faults_and_a_kill_leave_no_money_out_of_place()
    {
        var (exitCode, output) = await RunChaosAsync("--checkouts", "30", "--fault-rate", "0.2", "--kills", "1", "--folder", folder.Path);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Killed the app (SIGKILL)", output, StringComparison.Ordinal);
        foreach (var count in new[] { "double charges", "money taken without a paid order", "card taken while the voucher is not", "holds left at a provider", "not final (neither paid, failed nor to check)" })
        {
            Assert.Contains($"| {count} | 0 |", output, StringComparison.Ordinal);
        }
    }

    /// <summary>Runs the chaos command as built beside this test project (same configuration and framework).</summary>
    private static async Task<(int ExitCode, string Output)> RunChaosAsync(params string[] args)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = here;
        while (!File.Exists(Path.Combine(root!.FullName, "MealCheckout.sln")))
        {
            root = root.Parent;
        }
        var tool = Path.Combine(root.FullName, "MealCheckout.Benchmarks", "bin", here.Parent!.Name, here.Name, "MealCheckout.Benchmarks.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(tool);
        start.ArgumentList.Add("chaos");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    public void Dispose() => folder.Dispose();
}
