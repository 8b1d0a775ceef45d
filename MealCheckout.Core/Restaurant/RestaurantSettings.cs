namespace MealCheckout.Core.Restaurants;

/// <summary>Whether the restaurant accepts an issuer's vouchers, and the merchant ID the issuer gave it.</summary>
public sealed class RestaurantIssuer
{
    public Guid RestaurantId { get; init; }

    public VoucherIssuer Issuer { get; init; }

    public bool Accepted { get; set; }

    public string MerchantId { get; set; } = "";
}

/// <summary>One change a manager made to the restaurant's settings: who, when, which setting, old → new.</summary>
public sealed class RestaurantSettingChange
{
    public long Id { get; init; }

    public Guid RestaurantId { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public string ChangedBy { get; init; } = "";

    /// <summary>"Siret", or an issuer's "Accepted:Bimpli" / "MerchantId:Bimpli".</summary>
    public string Setting { get; init; } = "";

    public string OldValue { get; init; } = "";

    public string NewValue { get; init; } = "";
}

/// <summary>
/// What the restaurant has set: its SIRET and, per issuer, whether it accepts it and its merchant ID.
/// An issuer is offered to diners only when accepted with a merchant ID; payments wait for a valid SIRET.
/// </summary>
public sealed record RestaurantSettings(Guid RestaurantId, string Siret, IReadOnlyList<IssuerSetting> Issuers)
{
    public bool HasValidSiret => Restaurants.Siret.TryParse(Siret, out _) == SiretError.None;

    /// <summary>Set enough to take payments: a valid SIRET and at least one issuer accepted with its merchant ID.</summary>
    public bool IsReadyForPayments => HasValidSiret && Issuers.Any(i => i.IsOffered);

    public bool Accepts(VoucherIssuer issuer) => Issuers.Any(i => i.Issuer == issuer && i.IsOffered);

    public IssuerSetting For(VoucherIssuer issuer) => Issuers.FirstOrDefault(i => i.Issuer == issuer) ?? new IssuerSetting(issuer, false, "");
}

/// <summary>One issuer's line of the settings.</summary>
public sealed record IssuerSetting(VoucherIssuer Issuer, bool Accepted, string MerchantId)
{
    public bool IsOffered => Accepted && !string.IsNullOrWhiteSpace(MerchantId);
}
