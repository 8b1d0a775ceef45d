using MealCheckout.Core.Menu;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Persistence;

/// <summary>The versioned migrations build on PostgreSQL the schema the EF model maps, column for column.</summary>
public sealed class PostgreSqlSchemaTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync() => await database.MigratedAndSeededAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_EF_model_matches_the_migrated_schema_column_for_column_and_type_for_type()
    {
        await using var db = await database.Get<IDbContextFactory<MealCheckoutDbContext>>().CreateDbContextAsync();

        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var modelColumns = entity.GetProperties().Select(p => (p.GetColumnName(), p.GetColumnType())).Order().ToList();
            var databaseColumns = await ColumnsAsync(table);
            Assert.Equal(databaseColumns, modelColumns);
        }
    }

    [Fact]
    public async Task Migrating_again_changes_nothing_and_the_demo_menu_reads_back()
    {
        Assert.Equal(DatabaseMigrator.LatestVersion, await database.Get<DatabaseMigrator>().MigrateAsync());

        Assert.Equal(DatabaseMigrator.All.Count, await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_version"));
        var menu = await database.Get<IMenuCatalog>().GetMenuAsync(DemoRestaurant.Slug);
        Assert.Equal(DemoRestaurant.Items.Count, menu!.Categories.SelectMany(c => c.Items).Count());
    }

    private async Task<List<(string, string)>> ColumnsAsync(string table)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table";
        command.Parameters.AddWithValue("table", table);
        var columns = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        return columns.Order().ToList();
    }
}
