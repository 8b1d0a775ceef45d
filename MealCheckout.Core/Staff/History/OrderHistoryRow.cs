using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.History;

/// <summary>One order as the history grid shows it; <see cref="CheckReason"/> says why an order is left to check.</summary>
public sealed record OrderHistoryRow(
    Guid Id,
    string Number,
    DateTimeOffset CreatedAt,
    OrderStatus Status,
    Money Total,
    CheckReason? CheckReason,
    IReadOnlyList<OrderHistoryLeg> Legs)
{
    /// <summary>The row's position in its sort order: the value of the sorted column and the id that breaks ties.</summary>
    internal HistoryKey Key(OrderHistorySortColumn column) => column switch
    {
        OrderHistorySortColumn.CreatedAt => new(CreatedAt.ToUnixTimeMilliseconds(), Id),
        OrderHistorySortColumn.Total => new(Total.Cents, Id),
        OrderHistorySortColumn.Number => new(Number, Id),
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public IEnumerable<VoucherIssuer> Issuers => Legs.Where(l => l.Issuer is not null).Select(l => l.Issuer!.Value).Distinct();
}

/// <summary>A payment leg in a history row: enough to answer "how did this diner pay?" without opening the order.</summary>
public sealed record OrderHistoryLeg(LegKind Kind, VoucherIssuer? Issuer, string? VoucherAccount, string? CardBrand, string? CardLast4, LegState State, Money Amount);

/// <summary>Sort value and id of a row: where a keyset page starts or ends.</summary>
internal readonly record struct HistoryKey(object Value, Guid Id);
