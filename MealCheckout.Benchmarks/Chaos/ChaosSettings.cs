using System.Globalization;

namespace MealCheckout.Benchmarks.Chaos;

/// <summary>
/// <c>chaos --checkouts N --fault-rate R --kills K [--seed S] [--concurrency C] [--folder DIR]</c>:
/// how many split checkouts, the share of provider calls faulted, and how many times the app is killed.
/// </summary>
public sealed record ChaosSettings(int Checkouts, double FaultRate, int Kills, int Seed, int Concurrency, string Folder)
{
    public static ChaosSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option, got '{args[i]}'.");
            }
            values[args[i][2..]] = args[i + 1];
        }
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var rate = values.TryGetValue("fault-rate", out var r) ? double.Parse(r, CultureInfo.InvariantCulture) : 0.2;
        var settings = new ChaosSettings(Int("checkouts", 1000), rate, Int("kills", 3), Int("seed", 2026), Int("concurrency", 4),
            values.GetValueOrDefault("folder") ?? Path.Combine(Path.GetTempPath(), $"mealcheckout-chaos-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        if (settings.Checkouts < 1 || settings.FaultRate is < 0 or > 1 || settings.Kills < 0 || settings.Concurrency < 1)
        {
            throw new ArgumentException("--checkouts and --concurrency must be positive, --fault-rate between 0 and 1, --kills zero or more.");
        }
        return settings;
    }
}
