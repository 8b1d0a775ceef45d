using System.Text.RegularExpressions;
using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.History;

/// <summary>
/// What staff narrow the order history to. Days are Europe/Paris calendar days, both inclusive;
/// amounts are the order total. <see cref="Search"/> is an order number (or its beginning), the
/// last four digits of a card, or a voucher account.
/// </summary>
public sealed record OrderHistoryFilter
{
    public static readonly OrderHistoryFilter None = new();

    public DateOnly? FromDay { get; init; }
    public DateOnly? ToDay { get; init; }
    public IReadOnlySet<OrderStatus> Statuses { get; init; } = new HashSet<OrderStatus>();
    public VoucherIssuer? Issuer { get; init; }
    public Money? MinTotal { get; init; }
    public Money? MaxTotal { get; init; }
    public string? Search { get; init; }

    /// <summary>Records compare sets by reference: this compares what the filter selects.</summary>
    public bool SelectsSameAs(OrderHistoryFilter other) =>
        FromDay == other.FromDay && ToDay == other.ToDay && Statuses.SetEquals(other.Statuses) && Issuer == other.Issuer
        && MinTotal == other.MinTotal && MaxTotal == other.MaxTotal && HistorySearch.Parse(Search) == HistorySearch.Parse(other.Search);
}

/// <summary>How the search box is read: staff type whatever the diner gives them.</summary>
public enum HistorySearchKind
{
    None,

    /// <summary>"MC-261123-7KQ4XZ", or its beginning ("MC-2611" finds a month's orders).</summary>
    OrderNumber,

    /// <summary>Four digits: the bank card's last four, or those of a CONECS voucher card.</summary>
    LastFour,

    /// <summary>Anything else: an Edenred account or a masked CONECS card as shown in an order.</summary>
    VoucherAccount,
}

public sealed partial record HistorySearch(HistorySearchKind Kind, string Text)
{
    public static HistorySearch Parse(string? search)
    {
        var text = search?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new(HistorySearchKind.None, "");
        }
        if (LastFour().IsMatch(text))
        {
            return new(HistorySearchKind.LastFour, text);
        }
        if (text.StartsWith("MC-", StringComparison.OrdinalIgnoreCase))
        {
            return new(HistorySearchKind.OrderNumber, text.ToUpperInvariant());
        }
        return new(HistorySearchKind.VoucherAccount, text);
    }

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex LastFour();
}
