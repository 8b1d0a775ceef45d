using System.ComponentModel.DataAnnotations;

namespace MealCheckout.Core.Staff.Settlement;

/// <summary>
/// Section "IssuerCommissions": what each issuer keeps of the money it captured, in basis points
/// (100 = 1 %), as the restaurant's contract with it says. Checked at start-up: 0 to 10 000.
/// </summary>
public sealed class IssuerCommissionOptions
{
    public const string SectionName = "IssuerCommissions";

    [Range(0, 10_000)]
    public int Edenred { get; set; }

    [Range(0, 10_000)]
    public int Bimpli { get; set; }

    [Range(0, 10_000)]
    public int Pluxee { get; set; }

    [Range(0, 10_000)]
    public int UpDejeuner { get; set; }

    [Range(0, 10_000)]
    public int Swile { get; set; }

    [Range(0, 10_000)]
    public int BankCard { get; set; }

    public int BasisPointsFor(SettlementIssuer issuer) => issuer switch
    {
        SettlementIssuer.Edenred => Edenred,
        SettlementIssuer.Bimpli => Bimpli,
        SettlementIssuer.Pluxee => Pluxee,
        SettlementIssuer.UpDejeuner => UpDejeuner,
        SettlementIssuer.Swile => Swile,
        SettlementIssuer.BankCard => BankCard,
        _ => throw new ArgumentOutOfRangeException(nameof(issuer), issuer, "Unknown settlement issuer."),
    };

    /// <summary>The commission on a day's captures, rounded to the nearest cent (halves away from zero).</summary>
    public Money CommissionOn(SettlementIssuer issuer, Money captured) =>
        Money.FromCents((long)Math.Round(captured.Cents * (decimal)BasisPointsFor(issuer) / 10_000m, MidpointRounding.AwayFromZero));
}
