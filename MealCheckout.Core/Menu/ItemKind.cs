namespace MealCheckout.Core;

/// <summary>What an order line is, which decides whether a meal voucher may pay for it.</summary>
public enum ItemKind
{
    Food,
    SoftDrink,
    Alcohol,
    DeliveryFee,
    ServiceFee,
    Tip,
    Packaging,
}

/// <summary>
/// Meal vouchers pay for food and soft drinks only (Code du travail L3262-1); alcohol, delivery,
/// service fees, tips and packaging always go to the bank card. These are the default eligible
/// kinds; the voucher rules in force on the order's day (<see cref="VoucherRules.EligibleKinds"/>) decide.
/// </summary>
public static class VoucherEligibility
{
    public static readonly IReadOnlySet<ItemKind> DefaultKinds = new HashSet<ItemKind> { ItemKind.Food, ItemKind.SoftDrink };

    /// <summary>Under the default rules: only for what does not depend on a day (the demo history).</summary>
    public static bool IsEligibleByDefault(ItemKind kind) => DefaultKinds.Contains(kind);
}
