namespace MealCheckout.Core.Staff.History;

/// <summary>The columns the history sorts on server-side; each has an index ending with the order id.</summary>
public enum OrderHistorySortColumn
{
    CreatedAt,
    Total,
    Number,
}

public sealed record OrderHistorySort(OrderHistorySortColumn Column, bool Descending)
{
    /// <summary>Newest first: what staff want to see when they open the page.</summary>
    public static readonly OrderHistorySort NewestFirst = new(OrderHistorySortColumn.CreatedAt, Descending: true);
}
