namespace MealCheckout.Core;

/// <summary>What vouchers may do on Sundays and French public holidays.</summary>
public enum SundayRule
{
    /// <summary>The employer decides per card: the diner is warned that the issuer may refuse, and the issuer answers.</summary>
    IssuerDecides,

    /// <summary>No voucher pays on those days: the bank card pays the whole bill.</summary>
    Refused,

    /// <summary>Vouchers pay on those days like on any other (the 2027 reform, when it applies).</summary>
    Allowed,
}

/// <summary>
/// Section "Vouchers": the voucher rules in force from the start, and <see cref="Changes"/>, the
/// rules that change from a Paris date on. The law (Code du travail R3262-10) caps meal-voucher
/// spending at EUR 25 a day; Edenred's API still documents its own EUR 19, so each route has its cap.
/// </summary>
public sealed class VoucherRuleOptions
{
    public const string SectionName = "Vouchers";

    public long ConecsDailyCapCents { get; set; } = 2500;

    public long EdenredDailyCapCents { get; set; } = 1900;

    /// <summary>Smallest voucher transaction on every route (EUR 1.50, a Scellius/Lyra gateway rule, not the law).</summary>
    public long MinimumVoucherPaymentCents { get; set; } = 150;

    /// <summary>The CONECS route's own minimum, when it differs from <see cref="MinimumVoucherPaymentCents"/>.</summary>
    public long? ConecsMinimumPaymentCents { get; set; }

    /// <summary>The Edenred route's own minimum, when it differs from <see cref="MinimumVoucherPaymentCents"/>.</summary>
    public long? EdenredMinimumPaymentCents { get; set; }

    public SundayRule SundaysAndHolidays { get; set; } = SundayRule.IssuerDecides;

    /// <summary>The item kinds a voucher may pay for (names of <see cref="ItemKind"/>); absent: food and soft drinks.</summary>
    public List<string>? EligibleItemKinds { get; set; }

    /// <summary>Rule changes, each from its date on; every rule a change leaves out stays as it was.</summary>
    public List<VoucherRuleChange> Changes { get; set; } = [];
}

/// <summary>The rules that change on <see cref="From"/> (a Paris calendar day, yyyy-MM-dd); null keeps a rule as it was.</summary>
public sealed class VoucherRuleChange
{
    public string? From { get; set; }

    public long? ConecsDailyCapCents { get; set; }

    public long? EdenredDailyCapCents { get; set; }

    public long? MinimumVoucherPaymentCents { get; set; }

    public long? ConecsMinimumPaymentCents { get; set; }

    public long? EdenredMinimumPaymentCents { get; set; }

    public SundayRule? SundaysAndHolidays { get; set; }

    public List<string>? EligibleItemKinds { get; set; }
}
