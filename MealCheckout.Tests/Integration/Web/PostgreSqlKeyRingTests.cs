using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>On PostgreSQL the key ring is in the database: what one instance protects, another reads.</summary>
public sealed class PostgreSqlKeyRingTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    [Fact]
    public async Task What_one_instance_protects_another_instance_on_the_same_database_reads()
    {
        using var first = new MealCheckoutAppFactory(database.AppSettings);
        using var second = new MealCheckoutAppFactory(database.AppSettings);
        var protectedByFirst = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("tab cart").Protect("steak frites x2");

        var readBySecond = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("tab cart").Unprotect(protectedByFirst);

        Assert.Equal("steak frites x2", readBySecond);
        Assert.True(await database.ScalarAsync<long>("SELECT COUNT(*) FROM \"DataProtectionKeys\"") >= 1);
    }
}
