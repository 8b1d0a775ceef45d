using System.Data.Common;
using MealCheckout.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Staff.History;

/// <summary>
/// The app's database as the history's page reads reach it: its engine and connection string, learned once from the
/// app's own context. A page read opens a connection from the ADO.NET provider's pool (microseconds) instead of building an
/// EF Core context around it (most of what a page cost beside the same SQL run raw: docs/decisions/0025).
/// The reads need none of the context's connection set-up: SQLite's foreign keys matter to writes only, and
/// Microsoft.Data.Sqlite retries a busy database itself until the command's timeout.
/// </summary>
internal sealed class HistoryDatabase(DbProviderFactory provider, string connectionString, bool postgreSql)
{
    public bool PostgreSql { get; } = postgreSql;

    public static async Task<HistoryDatabase> OfAsync(IDbContextFactory<MealCheckoutDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        return new HistoryDatabase(DbProviderFactories.GetFactory(connection)!, db.Database.GetConnectionString()!, db.Database.IsNpgsql());
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = provider.CreateConnection()!;
        connection.ConnectionString = connectionString;
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
