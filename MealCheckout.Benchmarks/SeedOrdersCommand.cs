using System.Diagnostics;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Benchmarks;

/// <summary>
/// <c>seed-orders N path</c>: migrates the SQLite file at <c>path</c> (creating it) and adds N
/// realistic orders over four years ending now, for measuring the staff history at scale.
/// </summary>
public static class SeedOrdersCommand
{
    public static async Task RunAsync(int count, string databasePath)
    {
        var fullPath = Path.GetFullPath(databasePath);
        await using (var services = Persistence(fullPath))
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        }
        var clock = Stopwatch.StartNew();
        var progress = new Progress<int>(done =>
        {
            if (done % 100_000 == 0 || done == count)
            {
                Console.WriteLine($"{done:N0} orders ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        });
        await new SampleOrderSeeder(seed: 2026, until: DateTimeOffset.UtcNow).SeedAsync(fullPath, count, progress);
        Console.WriteLine($"Seeded {count:N0} orders into {fullPath} in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>The app's persistence on the file, brought to the latest schema: a file seeded by an older build gains the later migrations (e.g. the kept order counts).</summary>
    internal static ServiceProvider MigratedPersistence(string databasePath)
    {
        var services = Persistence(databasePath);
        services.GetRequiredService<DatabaseMigrator>().MigrateAsync().GetAwaiter().GetResult();
        return services;
    }

    internal static ServiceProvider Persistence(string databasePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MealCheckout"] = $"Data Source={databasePath}",
        }).Build();
        return new ServiceCollection().AddLogging().AddMealCheckoutPersistence(configuration, Path.GetDirectoryName(databasePath)!).BuildServiceProvider();
    }
}
