using BenchmarkDotNet.Attributes;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Benchmarks.History;

/// <summary>
/// The staff history's service beside the same SQL sent raw (a pooled SqliteConnection, the columns read
/// and nothing built), on the same file made by <c>seed-orders</c> (<see cref="OrderHistoryBenchmarks.DatabaseVariable"/>)
/// in the same run: what the service adds to the database's own work. "Open the grid" is what the grid does: the first page, then the count.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class HistoryVsRawSqlBenchmarks
{
    private const int PageSize = 25;
    private const string Columns = "SELECT o.id, o.number, o.created_at, o.status, o.total_cents, o.check_reason FROM orders o";
    private const string LegColumns = "SELECT order_id, kind, issuer, voucher_account, card_brand, card_last4, state, amount_cents FROM payment_legs";

    private ServiceProvider services = default!;
    private OrderHistoryReader reader = default!;
    private string connectionString = "";
    private HistoryKey middleKey;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable(OrderHistoryBenchmarks.DatabaseVariable)
            ?? throw new InvalidOperationException($"Set {OrderHistoryBenchmarks.DatabaseVariable} to a database made by: dotnet run -c Release -- seed-orders 1000000 <path>");
        services = SeedOrdersCommand.MigratedPersistence(Path.GetFullPath(path));
        reader = new OrderHistoryReader(services.GetRequiredService<IDbContextFactory<MealCheckoutDbContext>>());
        connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadOnly }.ToString();
        var total = reader.CountAsync(OrderHistoryFilter.None).GetAwaiter().GetResult();
        middleKey = reader.ReadAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, new HistorySeek.FromStart(total / 2), 1).GetAwaiter().GetResult()[0]
            .Key(OrderHistorySortColumn.CreatedAt);
    }

    [Benchmark(Description = "open the grid (first page + count), raw SQL")]
    public async Task<int> OpenRaw()
    {
        await using var connection = await OpenAsync();
        var rows = await PageRawAsync(connection, $"{Columns} ORDER BY o.created_at DESC, o.id DESC LIMIT {PageSize} OFFSET 0");
        return rows + Convert.ToInt32(await Command(connection, "SELECT COALESCE(SUM(order_count), 0) FROM order_counts").ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Benchmark(Description = "count every order by walking an index (before the kept count), raw SQL")]
    public async Task<long> CountWalkedRaw()
    {
        await using var connection = await OpenAsync();
        return (long)(await Command(connection, "SELECT COUNT(*) FROM orders o").ExecuteScalarAsync())!;
    }

    [Benchmark(Description = "open the grid (first page + count), OrderHistoryBrowser")]
    public async Task<int> OpenService()
    {
        var browser = new OrderHistoryBrowser(reader);
        var rows = await browser.RowsAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, PageSize);
        return rows.Count + await browser.TotalAsync(OrderHistoryFilter.None);
    }

    [Benchmark(Description = "first page only (what the grid waits for), OrderHistoryBrowser")]
    public async Task<int> FirstPageService() =>
        (await new OrderHistoryBrowser(reader).RowsAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, 0, PageSize)).Count;

    [Benchmark(Description = "page in the middle by keyset, raw SQL")]
    public async Task<int> PageRaw()
    {
        await using var connection = await OpenAsync();
        var command = Command(connection, $"{Columns} WHERE (o.created_at, o.id) < (@value, @id) ORDER BY o.created_at DESC, o.id DESC LIMIT {PageSize} OFFSET 0");
        command.Parameters.AddWithValue("@value", middleKey.Value);
        command.Parameters.AddWithValue("@id", middleKey.Id.ToString("D").ToUpperInvariant());
        return await PageRawAsync(connection, command);
    }

    [Benchmark(Description = "page in the middle by keyset, OrderHistoryReader")]
    public async Task<int> PageService() =>
        (await reader.ReadAsync(OrderHistoryFilter.None, OrderHistorySort.NewestFirst, new HistorySeek.After(middleKey, 0), PageSize)).Count;

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static Task<int> PageRawAsync(SqliteConnection connection, string sql) => PageRawAsync(connection, Command(connection, sql));

    // The orders of the page, then their legs in one IN (…) query: the two statements the reader sends.
    private static async Task<int> PageRawAsync(SqliteConnection connection, SqliteCommand orders)
    {
        var ids = new List<string>(PageSize);
        await using (orders)
        await using (var rows = await orders.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                ids.Add(rows.GetString(0));
                _ = (rows.GetString(1), rows.GetInt64(2), rows.GetString(3), rows.GetInt64(4), rows.IsDBNull(5) ? null : rows.GetString(5));
            }
        }
        await using var legs = Command(connection, $"{LegColumns} WHERE order_id IN ({string.Join(", ", ids.Select((_, i) => $"@p{i}"))}) ORDER BY created_at, kind DESC");
        for (var i = 0; i < ids.Count; i++)
        {
            legs.Parameters.AddWithValue($"@p{i}", ids[i]);
        }
        var count = 0;
        await using var legRows = await legs.ExecuteReaderAsync();
        while (await legRows.ReadAsync())
        {
            _ = (legRows.GetString(0), legRows.GetString(1), legRows.IsDBNull(2) ? null : legRows.GetString(2), legRows.IsDBNull(3) ? null : legRows.GetString(3),
                legRows.IsDBNull(4) ? null : legRows.GetString(4), legRows.IsDBNull(5) ? null : legRows.GetString(5), legRows.GetString(6), legRows.GetInt64(7));
            count++;
        }
        return count;
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();
}
