using System.ComponentModel.DataAnnotations;

namespace MealCheckout.Core;

/// <summary>
/// The voucher limits, per issuer. The law (Code du travail R3262-10) caps meal-voucher spending
/// at EUR 25 a day; Edenred's API still enforces its own EUR 19, so each issuer has its cap.
/// </summary>
public sealed class DailyCapOptions
{
    public const string SectionName = "Vouchers";

    [Range(1, 100_000)]
    public long ConecsDailyCapCents { get; set; } = 2500;

    [Range(1, 100_000)]
    public long EdenredDailyCapCents { get; set; } = 1900;

    /// <summary>Smallest voucher transaction issuers accept (EUR 1.50, Scellius/CONECS rules).</summary>
    [Range(1, 100_000)]
    public long MinimumVoucherPaymentCents { get; set; } = 150;

    public Money DailyCapFor(VoucherIssuer issuer) =>
        Money.FromCents(issuer == VoucherIssuer.Edenred ? EdenredDailyCapCents : ConecsDailyCapCents);

    public Money MinimumVoucherPayment => Money.FromCents(MinimumVoucherPaymentCents);
}
