using MealCheckout.Core.Persistence;
using MealCheckout.Web.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Tests.Integration.Staff;

public sealed class StaffSchemaTests
{
    [Fact]
    public async Task Every_table_and_column_Identity_maps_exists_after_the_migrations()
    {
        await using var database = new Integration.Persistence.SqliteDatabase();
        await database.Get<DatabaseMigrator>().MigrateAsync();
        var connectionString = $"Data Source={database.Path}";
        // The hand-written V005 must hold everything Identity's EF model reads and writes.
        await using var identity = new StaffIdentityDbContext(new DbContextOptionsBuilder<StaffIdentityDbContext>().UseSqlite(connectionString).Options);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        var missing = new List<string>();
        foreach (var entity in identity.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = await ColumnsAsync(connection, table);
            if (columns.Count == 0)
            {
                missing.Add(table);
            }
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
            missing.AddRange(entity.GetProperties().Select(p => p.GetColumnName(store)!).Where(c => !columns.Contains(c)).Select(c => $"{table}.{c}"));
        }

        Assert.Empty(missing);
    }

    private static async Task<HashSet<string>> ColumnsAsync(SqliteConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }
}
