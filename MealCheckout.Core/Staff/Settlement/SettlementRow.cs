using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Staff.Settlement;

/// <summary>Who owes the restaurant the money: each CONECS brand, Edenred, or the bank-card acquirer.</summary>
public enum SettlementIssuer
{
    Edenred,
    Bimpli,
    Pluxee,
    UpDejeuner,
    Swile,
    BankCard,
}

/// <summary>
/// One Paris day for one issuer: what was captured and refunded that day and in how many orders, what
/// the restaurant gave back off the platform for voucher legs the issuer does not refund, and the
/// issuer's commission on the captures. A refund counts on the day it was made, so
/// <see cref="NetCents"/> may be negative.
/// </summary>
public sealed record SettlementRow(
    DateOnly Day, SettlementIssuer Issuer, int CapturedOrders, Money Captured, int RefundedOrders, Money Refunded,
    Money Compensations = default, Money Commission = default)
{
    /// <summary>
    /// The net the issuer should pay: captured, less refunded, less its commission. Compensations were
    /// paid by the restaurant outside the platform: they are on no issuer's statement, so they are shown
    /// beside the net, not taken from it.
    /// </summary>
    public long NetCents => Captured.Cents - Refunded.Cents - Commission.Cents;

    /// <summary>The issuer's brand name, or <paramref name="bankCard"/> in the reader's words for the card acquirer.</summary>
    public static string NameOf(SettlementIssuer issuer, string bankCard) => issuer switch
    {
        SettlementIssuer.Edenred => VoucherIssuer.Edenred.DisplayName(),
        SettlementIssuer.Bimpli => VoucherIssuer.Bimpli.DisplayName(),
        SettlementIssuer.Pluxee => VoucherIssuer.Pluxee.DisplayName(),
        SettlementIssuer.UpDejeuner => VoucherIssuer.UpDejeuner.DisplayName(),
        SettlementIssuer.Swile => VoucherIssuer.Swile.DisplayName(),
        SettlementIssuer.BankCard => bankCard,
        _ => throw new ArgumentOutOfRangeException(nameof(issuer), issuer, "Unknown settlement issuer."),
    };

    public static SettlementIssuer IssuerOf(LegKind kind, VoucherIssuer? issuer) => kind == LegKind.Card
        ? SettlementIssuer.BankCard
        : issuer switch
        {
            VoucherIssuer.Edenred => SettlementIssuer.Edenred,
            VoucherIssuer.Bimpli => SettlementIssuer.Bimpli,
            VoucherIssuer.Pluxee => SettlementIssuer.Pluxee,
            VoucherIssuer.UpDejeuner => SettlementIssuer.UpDejeuner,
            VoucherIssuer.Swile => SettlementIssuer.Swile,
            _ => throw new ArgumentOutOfRangeException(nameof(issuer), issuer, "A voucher leg names its issuer."),
        };
}
