namespace MealCheckout.Core.Checkout;

/// <summary>One priced line of a basket: a menu item (or a fee) and how many.</summary>
public sealed record BasketLine(Guid ItemId, string NameFr, string NameEn, ItemKind Kind, Money UnitPrice, int Quantity, VatRate VatRate)
{
    public const int MaxQuantity = 20;

    public Money Total => UnitPrice * Quantity;
}

/// <summary>
/// What the diner is about to buy, priced from the menu. Immutable: each change returns a new
/// basket, so a component can never observe a half-applied change.
/// </summary>
public sealed class Basket
{
    public static readonly Basket Empty = new([], VoucherEligibility.DefaultKinds);

    private readonly IReadOnlySet<ItemKind> eligibleKinds;

    private Basket(IReadOnlyList<BasketLine> lines, IReadOnlySet<ItemKind> eligibleKinds) => (Lines, this.eligibleKinds) = (lines, eligibleKinds);

    public IReadOnlyList<BasketLine> Lines { get; }

    /// <summary>The same lines, judged by the eligible kinds of the voucher rules in force today.</summary>
    public Basket Under(VoucherRules rules) => new(Lines, rules.EligibleKinds);

    public bool IsVoucherEligible(BasketLine line) => eligibleKinds.Contains(line.Kind);

    public bool IsEmpty => Lines.Count == 0;

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public Money Total => Lines.Aggregate(Money.Zero, (sum, l) => sum + l.Total);

    /// <summary>The part a meal voucher may pay at most (food and soft drinks by default).</summary>
    public Money EligibleSubtotal => Lines.Where(IsVoucherEligible).Aggregate(Money.Zero, (sum, l) => sum + l.Total);

    public Money NonEligibleSubtotal => Total - EligibleSubtotal;

    public int QuantityOf(Guid itemId) => Lines.FirstOrDefault(l => l.ItemId == itemId)?.Quantity ?? 0;

    /// <summary>Adds one of an item; past <see cref="BasketLine.MaxQuantity"/> the basket is unchanged.</summary>
    /// <param name="vatRate">The menu item's rate; its kind's default when the menu sets none.</param>
    public Basket Add(Guid itemId, string nameFr, string nameEn, ItemKind kind, Money unitPrice, VatRate? vatRate = null)
    {
        var existing = Lines.FirstOrDefault(l => l.ItemId == itemId);
        if (existing is null)
        {
            return With([.. Lines, new BasketLine(itemId, nameFr, nameEn, kind, unitPrice, 1, vatRate ?? VatRate.DefaultFor(kind))]);
        }
        return existing.Quantity >= BasketLine.MaxQuantity
            ? this
            : Replace(existing, existing with { Quantity = existing.Quantity + 1 });
    }

    /// <summary>Removes one of an item; the line disappears at zero.</summary>
    public Basket RemoveOne(Guid itemId)
    {
        var existing = Lines.FirstOrDefault(l => l.ItemId == itemId);
        if (existing is null)
        {
            return this;
        }
        return existing.Quantity == 1
            ? With(Lines.Where(l => l != existing).ToList())
            : Replace(existing, existing with { Quantity = existing.Quantity - 1 });
    }

    /// <summary>Sets a fee line (delivery, tip) to a given amount, or removes it at zero.</summary>
    public Basket WithFee(Guid feeId, string nameFr, string nameEn, ItemKind kind, Money amount)
    {
        var without = With(Lines.Where(l => l.ItemId != feeId).ToList());
        return amount.IsZero ? without : With([.. without.Lines, new BasketLine(feeId, nameFr, nameEn, kind, amount, 1, VatRate.DefaultFor(kind))]);
    }

    /// <summary>The lines an order is created from, named in the diner's language.</summary>
    public IReadOnlyList<Orders.NewOrderLine> ToOrderLines(Func<BasketLine, string> name) =>
        Lines.Select(l => new Orders.NewOrderLine(name(l), l.Kind, l.UnitPrice, l.Quantity, l.VatRate)).ToList();

    private Basket Replace(BasketLine old, BasketLine updated) =>
        With(Lines.Select(l => l == old ? updated : l).ToList());

    private Basket With(IReadOnlyList<BasketLine> lines) => new(lines, eligibleKinds);
}
