namespace MealCheckout.Core.Staff.History;

/// <summary>A page of the history and the number of orders the filter selects.</summary>
public sealed record OrderHistoryPage(IReadOnlyList<OrderHistoryRow> Rows, int Total);

/// <summary>
/// One staff member's walk through the history (one per grid): it counts the filter's orders once,
/// not on every page, and never before a page has to be shown (<see cref="RowsAsync"/>); it remembers where the pages it has shown start and end, so the next or
/// previous page is a keyset read next to a known row instead of an offset scan from the top.
/// </summary>
public sealed class OrderHistoryBrowser(OrderHistoryReader reader)
{
    // Positions of rows already shown (first and last of each page) and their keys.
    private readonly SortedList<int, HistoryKey> known = [];
    private OrderHistoryFilter filter = OrderHistoryFilter.None;
    private OrderHistorySort sort = OrderHistorySort.NewestFirst;
    private int? total;

    /// <summary>A page and the filter's count; the count is made once per filter, before the page. See <see cref="RowsAsync"/> to show a page without waiting for it.</summary>
    public async Task<OrderHistoryPage> PageAsync(OrderHistoryFilter pageFilter, OrderHistorySort pageSort, int skip, int take, CancellationToken cancellationToken = default)
    {
        var count = await TotalAsync(pageFilter, cancellationToken);
        IReadOnlyList<OrderHistoryRow> rows = skip >= count ? [] : await RowsAsync(pageFilter, pageSort, skip, Math.Min(take, count - skip), cancellationToken);
        return new OrderHistoryPage(rows, count);
    }

    /// <summary>
    /// The rows of one page without counting first: the grid shows them at once and asks
    /// <see cref="TotalAsync"/> beside them. Fewer rows than asked at the end of the history.
    /// </summary>
    public async Task<IReadOnlyList<OrderHistoryRow>> RowsAsync(OrderHistoryFilter pageFilter, OrderHistorySort pageSort, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        Use(pageFilter, pageSort);
        // A newer request may change the filter while this one awaits: only then-current results are remembered.
        var (readFilter, readSort) = (filter, sort);
        var rows = await reader.ReadAsync(readFilter, readSort, CheapestSeek(skip, take, total), take, cancellationToken);
        if (rows.Count > 0 && IsCurrent(readFilter, readSort))
        {
            known[skip] = rows[0].Key(readSort.Column);
            known[skip + rows.Count - 1] = rows[^1].Key(readSort.Column);
        }
        return rows;
    }

    /// <summary>How many orders the filter selects, counted once per filter (the expensive part of a history at a million orders).</summary>
    public async Task<int> TotalAsync(OrderHistoryFilter pageFilter, CancellationToken cancellationToken = default)
    {
        Use(pageFilter, sort);
        var readFilter = filter;
        if (total is { } known)
        {
            return known;
        }
        var count = await reader.CountAsync(readFilter, cancellationToken);
        if (ReferenceEquals(filter, readFilter))
        {
            total = count;
        }
        return count;
    }

    private void Use(OrderHistoryFilter pageFilter, OrderHistorySort pageSort)
    {
        if (!pageFilter.SelectsSameAs(filter))
        {
            filter = pageFilter;
            total = null;
            known.Clear();
        }
        if (pageSort != sort)
        {
            sort = pageSort;
            known.Clear();
        }
    }

    private bool IsCurrent(OrderHistoryFilter readFilter, OrderHistorySort readSort) => ReferenceEquals(filter, readFilter) && sort == readSort;

    /// <summary>The read that skips the fewest rows: from the start, from the end (once counted), or next to a row already shown.</summary>
    internal HistorySeek CheapestSeek(int skip, int take, int? count)
    {
        HistorySeek best = new HistorySeek.FromStart(skip);
        if (count is { } counted && skip + take <= counted)
        {
            Consider(new HistorySeek.FromEnd(counted - skip - take));
        }
        foreach (var (position, key) in known)
        {
            if (position < skip)
            {
                Consider(new HistorySeek.After(key, skip - position - 1));
            }
            else if (position >= skip + take)
            {
                Consider(new HistorySeek.Before(key, position - skip - take));
            }
        }
        return best;

        void Consider(HistorySeek candidate)
        {
            if (candidate.Offset < best.Offset)
            {
                best = candidate;
            }
        }
    }
}
