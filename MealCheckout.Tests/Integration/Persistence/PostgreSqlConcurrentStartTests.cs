using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Staff;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>
/// Instances of a deployment start together on one new database: one migrates and seeds while the
/// other waits, then finds the rows there instead of inserting them a second time.
/// </summary>
public sealed class PostgreSqlConcurrentStartTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    [Fact]
    public async Task Two_instances_starting_together_on_an_empty_database_both_start_and_seed_every_row_once()
    {
        using var first = new MealCheckoutAppFactory(database.AppSettings);
        using var second = new MealCheckoutAppFactory(database.AppSettings);

        await Task.WhenAll(Task.Run(() => first.RootUri), Task.Run(() => second.RootUri));

        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM restaurants"));
        Assert.Equal(StaffRoles.All.Length, await database.ScalarAsync<long>("SELECT count(*) FROM \"AspNetRoles\""));
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM \"AspNetUsers\"")); // the Development manager and read-only accounts
    }
}
