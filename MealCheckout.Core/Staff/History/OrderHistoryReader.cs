using System.Globalization;
using System.Text;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Core.Staff.History;

/// <summary>Where a page read starts: counted from one end of the sort order, or just past a row already seen.</summary>
internal abstract record HistorySeek(int Offset)
{
    /// <summary>The rows at positions Offset… from the first in sort order.</summary>
    public sealed record FromStart(int Offset) : HistorySeek(Offset);

    /// <summary>The rows before position <c>total − Offset</c>, read backwards from the last (a "last page" stays cheap).</summary>
    public sealed record FromEnd(int Offset) : HistorySeek(Offset);

    /// <summary>The rows after <paramref name="Key"/>, skipping <c>Offset</c> of them (next page).</summary>
    public sealed record After(HistoryKey Key, int Offset) : HistorySeek(Offset);

    /// <summary>The rows before <paramref name="Key"/>, skipping <c>Offset</c> of them going backwards (previous page).</summary>
    public sealed record Before(HistoryKey Key, int Offset) : HistorySeek(Offset);

    public bool Backwards => this is FromEnd or Before;
}

/// <summary>
/// Reads the staff order history straight from the database: hand-written SQL, the same on SQLite
/// and PostgreSQL, so each filter and sort stays on an index (docs/decisions/0004). Pages are read by keyset (after/before a row already
/// seen) whenever possible; a plain offset is only used for a jump into the middle.
/// </summary>
public sealed class OrderHistoryReader(IDbContextFactory<MealCheckoutDbContext> contexts)
{
    // Learned from the app's context on the first page read; pages then open a pooled connection without a context
    // (docs/decisions/0025). A count, once per filter, still takes a context of its own.
    private HistoryDatabase? database;

    /// <summary>
    /// How many orders the filter selects. Without a filter, the count the database keeps (<c>order_counts</c>, V017):
    /// a few rows, whatever the number of orders. A filter is counted over the orders it selects; Microsoft.Data.Sqlite
    /// runs its "async" calls synchronously, so that count (up to seconds at a million orders) runs on the thread pool:
    /// its caller, a grid showing its first page, is not held while it runs.
    /// </summary>
    public Task<int> CountAsync(OrderHistoryFilter filter, CancellationToken cancellationToken = default) =>
        Task.Run(() => CountOnThisThreadAsync(filter, cancellationToken), cancellationToken);

    private async Task<int> CountOnThisThreadAsync(OrderHistoryFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var sql = new HistorySql(db.Database.IsNpgsql());
        if (filter.SelectsSameAs(OrderHistoryFilter.None))
        {
            sql.Append("SELECT COALESCE(SUM(order_count), 0) FROM order_counts");
        }
        else
        {
            sql.Append("SELECT COUNT(*) FROM orders o");
            sql.Where(filter);
        }
        await using var command = sql.Command(db.Database.GetDbConnection());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    internal async Task<IReadOnlyList<OrderHistoryRow>> ReadAsync(OrderHistoryFilter filter, OrderHistorySort sort, HistorySeek seek, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(seek.Offset);
        var column = SortColumn(sort.Column);
        // Reading backwards flips the order; the rows are put back in display order below.
        var descending = sort.Descending != seek.Backwards;
        var direction = descending ? "DESC" : "ASC";

        database ??= await HistoryDatabase.OfAsync(contexts, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = new HistorySql(database.PostgreSql);
        sql.Append("SELECT o.id, o.number, o.created_at, o.status, o.total_cents, o.check_reason FROM orders o");
        sql.Where(filter);
        if (seek is HistorySeek.After or HistorySeek.Before)
        {
            var key = seek is HistorySeek.After after ? after.Key : ((HistorySeek.Before)seek).Key;
            sql.And($"({column}, o.id) {(descending ? "<" : ">")} ({sql.Parameter(key.Value)}, {sql.IdParameter(key.Id)})");
        }
        sql.Append($" ORDER BY {column} {direction}, o.id {direction} LIMIT {sql.Parameter(take)} OFFSET {sql.Parameter(seek.Offset)}");

        var orders = new List<(Guid Id, string Number, DateTimeOffset CreatedAt, OrderStatus Status, Money Total, CheckReason? CheckReason)>(take);
        await using (var command = sql.Command(connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                orders.Add((reader.GetGuid(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    Enum.Parse<OrderStatus>(reader.GetString(3)), Money.FromCents(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : Enum.Parse<CheckReason>(reader.GetString(5))));
            }
        }
        if (seek.Backwards)
        {
            orders.Reverse();
        }
        var legs = await LegsAsync(connection, database.PostgreSql, orders.ConvertAll(o => o.Id), cancellationToken);
        return orders.Select(o => new OrderHistoryRow(o.Id, o.Number, o.CreatedAt, o.Status, o.Total,
            o.Status == OrderStatus.ToCheck ? o.CheckReason : null,
            legs.TryGetValue(o.Id, out var orderLegs) ? orderLegs : [])).ToList();
    }

    /// <summary>The legs of the page's orders, in one query.</summary>
    private static async Task<Dictionary<Guid, List<OrderHistoryLeg>>> LegsAsync(DbConnection connection, bool postgreSql, IReadOnlyList<Guid> orderIds, CancellationToken cancellationToken)
    {
        var legs = new Dictionary<Guid, List<OrderHistoryLeg>>(orderIds.Count);
        if (orderIds.Count == 0)
        {
            return legs;
        }
        var sql = new HistorySql(postgreSql);
        sql.Append("SELECT order_id, kind, issuer, voucher_account, card_brand, card_last4, state, amount_cents FROM payment_legs WHERE order_id IN (");
        sql.Append(string.Join(", ", orderIds.Select(sql.IdParameter)));
        sql.Append(") ORDER BY created_at, kind DESC");
        await using var command = sql.Command(connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var orderId = reader.GetGuid(0);
            if (!legs.TryGetValue(orderId, out var list))
            {
                legs[orderId] = list = [];
            }
            list.Add(new OrderHistoryLeg(
                Enum.Parse<LegKind>(reader.GetString(1)),
                reader.IsDBNull(2) ? null : Enum.Parse<VoucherIssuer>(reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                Enum.Parse<LegState>(reader.GetString(6)),
                Money.FromCents(reader.GetInt64(7))));
        }
        return legs;
    }

    private static string SortColumn(OrderHistorySortColumn column) => column switch
    {
        OrderHistorySortColumn.CreatedAt => "o.created_at",
        OrderHistorySortColumn.Total => "o.total_cents",
        OrderHistorySortColumn.Number => "o.number",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>SQL text with its parameters; values never go into the text.</summary>
    private sealed class HistorySql(bool postgreSql)
    {
        private readonly StringBuilder text = new();
        private readonly List<(string Name, object Value)> parameters = [];
        private bool hasWhere;

        public void Append(string sql) => text.Append(sql);

        public string Parameter(object value)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters.Add((name, value));
            return name;
        }

        /// <summary>
        /// An order id as the column holds it: PostgreSQL's uuid, or on SQLite the upper-case TEXT EF Core
        /// writes (the same spelling compares and sorts identically).
        /// </summary>
        public string IdParameter(Guid id) => Parameter(postgreSql ? id : id.ToString("D").ToUpperInvariant());

        public void And(string condition)
        {
            text.Append(hasWhere ? " AND " : " WHERE ").Append(condition);
            hasWhere = true;
        }

        public void Where(OrderHistoryFilter filter)
        {
            if (filter.FromDay is { } from)
            {
                And($"o.created_at >= {Parameter(ParisCalendar.DayBounds(from).StartUtc.ToUnixTimeMilliseconds())}");
            }
            if (filter.ToDay is { } to)
            {
                And($"o.created_at < {Parameter(ParisCalendar.DayBounds(to).EndUtc.ToUnixTimeMilliseconds())}");
            }
            if (filter.Statuses.Count > 0)
            {
                And($"o.status IN ({string.Join(", ", filter.Statuses.Order().Select(s => Parameter(s.ToString())))})");
            }
            if (filter.MinTotal is { } min)
            {
                And($"o.total_cents >= {Parameter(min.Cents)}");
            }
            if (filter.MaxTotal is { } max)
            {
                And($"o.total_cents <= {Parameter(max.Cents)}");
            }
            if (filter.Issuer is { } issuer)
            {
                And($"EXISTS (SELECT 1 FROM payment_legs l WHERE l.order_id = o.id AND l.issuer = {Parameter(issuer.ToString())})");
            }
            var search = HistorySearch.Parse(filter.Search);
            switch (search.Kind)
            {
                case HistorySearchKind.OrderNumber:
                    // A prefix range rather than LIKE, so the unique index on number serves it.
                    And($"o.number >= {Parameter(search.Text)} AND o.number < {Parameter(search.Text + '\uffff')}");
                    break;
                case HistorySearchKind.LastFour:
                    // CONECS voucher cards are kept as "•••• 1234 #fingerprint": their last four are a prefix.
                    var masked = "•••• " + search.Text;
                    And($"o.id IN (SELECT order_id FROM payment_legs WHERE card_last4 = {Parameter(search.Text)} " +
                        $"UNION SELECT order_id FROM payment_legs WHERE voucher_account >= {Parameter(masked)} AND voucher_account < {Parameter(masked + '\uffff')})");
                    break;
                case HistorySearchKind.VoucherAccount:
                    And($"o.id IN (SELECT order_id FROM payment_legs WHERE voucher_account = {Parameter(search.Text)})");
                    break;
            }
        }

        /// <summary>The command on <paramref name="connection"/>, already open.</summary>
        public DbCommand Command(DbConnection connection)
        {
            var command = connection.CreateCommand();
            command.CommandText = text.ToString();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
