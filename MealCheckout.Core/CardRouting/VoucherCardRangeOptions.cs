namespace MealCheckout.Core.CardRouting;

/// <summary>What a Visa or Mastercard number range carries besides the card network (seed: Scellius, "kinds of meal vouchers").</summary>
public enum VoucherCardKind
{
    /// <summary>A payment card with a meal-voucher issuer's logo (e.g. Swile): accepted only through the card network.</summary>
    FirstGeneration,

    /// <summary>A card accepted both by CONECS (as its issuer's meal voucher) and by the card network.</summary>
    Mixed,
}

/// <summary>
/// Section "Payments:VoucherCardRanges": the card number prefixes (BIN ranges, 6 to 8 digits) of
/// first-generation and mixed meal-voucher cards, with their issuer. Empty by default: the acquirer's
/// BIN list is the restaurant's to configure; the sandbox's ranges are in appsettings.Development.json
/// (docs/sandbox.md). Checked at start-up by <see cref="VoucherCardRangeValidation"/>.
/// </summary>
public sealed class VoucherCardRangeOptions
{
    public const string SectionName = "Payments:VoucherCardRanges";

    public List<VoucherCardRangeOption> Ranges { get; set; } = [];
}

/// <summary>One range: cards whose number starts with <see cref="Prefix"/> are <see cref="Kind"/> cards of <see cref="Issuer"/>.</summary>
public sealed class VoucherCardRangeOption
{
    public string? Prefix { get; set; }

    public VoucherCardKind? Kind { get; set; }

    public VoucherIssuer? Issuer { get; set; }
}
