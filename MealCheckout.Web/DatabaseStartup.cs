using MealCheckout.Core.Menu;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Restaurants;

namespace MealCheckout.Web;

/// <summary>
/// Migrates the database and seeds the demo restaurant before the app takes requests, and warns when
/// the restaurant's settings are not complete: until they are, it takes no payment. It runs while the
/// host is starting, before any hosted service starts: Data Protection's warm-up reads the key ring,
/// which on PostgreSQL is a table the migrations create.
/// </summary>
public sealed partial class DatabaseStartup(DatabaseMigrator migrator, DemoDataSeeder seeder, StartupLock startupLock, IMenuCatalog catalog, RestaurantSettingsStore settings,
    IConfiguration configuration, IHostEnvironment environment, ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        if (configuration.GetValue("Demo:SeedRestaurant", true))
        {
            // In Production the demo restaurant accepts no issuer until a manager sets the real merchant IDs.
            await startupLock.RunAsync(() => seeder.SeedAsync(withDemoIssuers: !environment.IsProduction(), cancellationToken), cancellationToken);
        }
        if (await DefaultRestaurantAsync(cancellationToken) is { } restaurant && !(await settings.ReadAsync(restaurant.RestaurantId, cancellationToken)).IsReadyForPayments)
        {
            LogNotReady(logger, restaurant.Name);
        }
    }

    /// <summary>The restaurant diners order from; none in a database nobody seeded yet.</summary>
    private async Task<RestaurantMenu?> DefaultRestaurantAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.GetMenuAsync(await catalog.GetDefaultRestaurantSlugAsync(cancellationToken), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Restaurant} takes no payment until a manager saves its SIRET and at least one accepted issuer with its merchant ID (Staff > Settings)")]
    private static partial void LogNotReady(ILogger logger, string restaurant);
}
