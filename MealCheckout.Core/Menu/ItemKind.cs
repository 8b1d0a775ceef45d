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
/// service fees, tips and packaging always go to the bank card.
/// </summary>
public static class VoucherEligibility
{
    public static bool IsEligible(ItemKind kind) => kind is ItemKind.Food or ItemKind.SoftDrink;
}
