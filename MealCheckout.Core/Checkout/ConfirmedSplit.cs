namespace MealCheckout.Core.Checkout;

/// <summary>
/// A split as the diner sees it on screen, and the only split that may be charged: which voucher
/// account pays how much, and what goes on the bank card. <see cref="VoucherAccount"/> is the
/// account as the daily cap knows it (an Edenred username, or a CONECS card's fingerprint), so a
/// card typed after the preview is caught as a different voucher.
/// </summary>
public sealed record ConfirmedSplit(VoucherIssuer? Issuer, string? VoucherAccount, Money VoucherPart, Money CardPart, SplitLimit? Limit)
{
    public Money Total => VoucherPart + CardPart;

    public bool UsesVoucher => !VoucherPart.IsZero;

    public bool UsesCard => !CardPart.IsZero;

    /// <summary>The voucher account as it may be shown: an Edenred login as "le•••@yopmail.com", a CONECS card as "•••• 0010".</summary>
    public string? MaskedVoucherAccount => VoucherAccount switch
    {
        null => null,
        var email when email.IndexOf('@') is > 0 and var at => email[..Math.Min(2, at)] + "•••" + email[at..],
        var card => card.Split(" #")[0],
    };

    /// <summary>The diner chose to pay everything by bank card.</summary>
    public static ConfirmedSplit AllByCard(Money total) => new(null, null, Money.Zero, total, null);

    public static ConfirmedSplit From(VoucherIssuer issuer, string account, SplitPlan plan) => new(issuer, account, plan.VoucherPart, plan.CardPart, plan.Limit);

    /// <summary>Whether charging <paramref name="other"/> would take exactly what this split says from exactly the same accounts.</summary>
    public bool ChargesTheSameAs(ConfirmedSplit other) =>
        VoucherPart == other.VoucherPart && CardPart == other.CardPart
        && (!UsesVoucher || (Issuer == other.Issuer && VoucherAccount == other.VoucherAccount));

    /// <summary>Why <paramref name="now"/> differs from what the diner confirmed, in terms the page can explain.</summary>
    public static SplitChange ChangeBetween(ConfirmedSplit confirmed, ConfirmedSplit now) =>
        confirmed.Total != now.Total ? SplitChange.BasketChanged
        : confirmed.UsesVoucher && now.UsesVoucher && (confirmed.Issuer != now.Issuer || confirmed.VoucherAccount != now.VoucherAccount) ? SplitChange.VoucherChanged
        : now.Limit is SplitLimit.DailyCap or SplitLimit.DailyCapReached ? SplitChange.DailyCapUsed
        : SplitChange.BalanceChanged;
}

/// <summary>Why the split to charge is no longer the one the diner confirmed.</summary>
public enum SplitChange
{
    /// <summary>Another voucher card or account than the one checked.</summary>
    VoucherChanged,

    /// <summary>The issuer's balance or estimate is not what it was.</summary>
    BalanceChanged,

    /// <summary>Today's cap on this voucher account was used meanwhile (another tab, another order).</summary>
    DailyCapUsed,

    /// <summary>The basket, the fulfilment or the tip changed the total.</summary>
    BasketChanged,

    /// <summary>The issuer authorised less than asked; the authorisation is held until the diner answers.</summary>
    PartiallyAuthorised,
}
