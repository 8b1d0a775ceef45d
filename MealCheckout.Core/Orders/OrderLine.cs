namespace MealCheckout.Core.Orders;

/// <summary>A line of an order as it was sold: name, price and eligibility are copied, not referenced.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
    }

    internal OrderLine(Guid orderId, int position, string name, ItemKind kind, Money unitPrice, int quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantity, 99);
        Id = Guid.NewGuid();
        OrderId = orderId;
        Position = position;
        Name = name;
        Kind = kind;
        VoucherEligible = VoucherEligibility.IsEligible(kind);
        UnitPrice = unitPrice;
        Quantity = quantity;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; } = "";
    public ItemKind Kind { get; private set; }
    public bool VoucherEligible { get; private set; }
    public Money UnitPrice { get; private set; }
    public int Quantity { get; private set; }

    public Money LineTotal => UnitPrice * Quantity;
}

/// <summary>What a new order is made of.</summary>
public sealed record NewOrderLine(string Name, ItemKind Kind, Money UnitPrice, int Quantity);
