using MealCheckout.Core.Persistence;

namespace MealCheckout.Web;

/// <summary>Migrates the database and seeds the demo restaurant before the app takes requests.</summary>
public sealed class DatabaseStartup(DatabaseMigrator migrator, DemoDataSeeder seeder, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (configuration.GetValue("Demo:SeedRestaurant", true))
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
