namespace MealCheckout.Core.Staff.History;

/// <summary>A page of the history and the number of orders the filter selects.</summary>
public sealed record OrderHistoryPage(IReadOnlyList<OrderHistoryRow> Rows, int Total);

/// <summary>
/// One staff member's walk through the history (one per grid): it counts the filter's orders once,
/// not on every page, and remembers where the pages it has shown start and end, so the next or
/// previous page is a keyset read next to a known row instead of an offset scan from the top.
/// </summary>
public sealed class OrderHistoryBrowser(OrderHistoryReader reader)
{
    // Positions of rows already shown (first and last of each page) and their keys.
    private readonly SortedList<int, HistoryKey> known = [];
    private OrderHistoryFilter filter = OrderHistoryFilter.None;
    private OrderHistorySort sort = OrderHistorySort.NewestFirst;
    private int? total;

    public async Task<OrderHistoryPage> PageAsync(OrderHistoryFilter pageFilter, OrderHistorySort pageSort, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
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
        // A newer request may change the filter while this one awaits: only then-current results are remembered.
        var (readFilter, readSort) = (filter, sort);
        var count = total ?? await reader.CountAsync(readFilter, cancellationToken);
        if (IsCurrent())
        {
            total = count;
        }
        if (skip >= count)
        {
            return new OrderHistoryPage([], count);
        }
        take = Math.Min(take, count - skip);
        var rows = await reader.ReadAsync(readFilter, readSort, CheapestSeek(skip, take, count), take, cancellationToken);
        if (rows.Count > 0 && IsCurrent())
        {
            known[skip] = rows[0].Key(readSort.Column);
            known[skip + rows.Count - 1] = rows[^1].Key(readSort.Column);
        }
        return new OrderHistoryPage(rows, count);

        bool IsCurrent() => ReferenceEquals(filter, readFilter) && sort == readSort;
    }

    /// <summary>The read that skips the fewest rows: from the start, from the end, or next to a row already shown.</summary>
    internal HistorySeek CheapestSeek(int skip, int take, int count)
    {
        HistorySeek best = new HistorySeek.FromStart(skip);
        Consider(new HistorySeek.FromEnd(count - skip - take));
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
