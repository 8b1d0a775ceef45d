namespace MealCheckout.Core.Orders;

/// <summary>A line of an order as it was sold: name, price and eligibility are copied, not referenced.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
    }

    internal OrderLine(Guid orderId, int position, string name, ItemKind kind, bool voucherEligible, Money unitPrice, int quantity, VatRate vatRate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, 99);
        Id = Guid.NewGuid();
        OrderId = orderId;
        Position = position;
        Name = name;
        Kind = kind;
        VoucherEligible = voucherEligible;
        UnitPrice = unitPrice;
        Quantity = quantity;
        VatRate = vatRate;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; } = "";
    public ItemKind Kind { get; private set; }
    public bool VoucherEligible { get; private set; }
    public Money UnitPrice { get; private set; }
    public int Quantity { get; private set; }

    /// <summary>The rate the line was sold at, copied like its price: a later menu change does not rewrite past receipts.</summary>
    public VatRate VatRate { get; private set; }

    public Money LineTotal => UnitPrice * Quantity;
}

/// <summary>What a new order is made of; without a <paramref name="VatRate"/> the line takes its kind's default.</summary>
public sealed record NewOrderLine(string Name, ItemKind Kind, Money UnitPrice, int Quantity, VatRate? VatRate = null);
