namespace MealCheckout.Core.Menu;

/// <summary>A restaurant taking orders through the checkout.</summary>
public sealed class Restaurant
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string City { get; init; } = "";

    /// <summary>Street and number, as the receipt prints it above the postcode and city.</summary>
    public string StreetAddress { get; init; } = "";

    public string PostalCode { get; init; } = "";

    /// <summary>The establishment's 14-digit SIRET, which a French receipt must show.</summary>
    public string Siret { get; init; } = "";

    /// <summary>Charged on delivery orders; never voucher-eligible.</summary>
    public Money DeliveryFee { get; init; }
}

/// <summary>A section of the menu (starters, mains…).</summary>
public sealed class MenuCategory
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string NameFr { get; init; } = "";
    public string NameEn { get; init; } = "";
    public int Position { get; init; }
}

/// <summary>A dish or drink; whether a meal voucher may pay for it follows from its kind.</summary>
public sealed class MenuItem
{
    public Guid Id { get; init; }
    public Guid CategoryId { get; init; }
    public string NameFr { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string? DescriptionFr { get; init; }
    public string? DescriptionEn { get; init; }
    public Money Price { get; init; }
    public ItemKind Kind { get; init; }
    public int Position { get; init; }

    /// <summary>Set only where the restaurant's accountant says the item is taxed differently from its kind's default.</summary>
    public VatRate? VatRateOverride { get; init; }

    public bool VoucherEligible => VoucherEligibility.IsEligibleByDefault(Kind);

    public VatRate VatRate => VatRateOverride ?? VatRate.DefaultFor(Kind);
}
