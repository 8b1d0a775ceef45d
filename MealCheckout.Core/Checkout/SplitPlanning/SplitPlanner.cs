namespace MealCheckout.Core.Checkout;

/// <summary>Which rule decided how much the voucher pays.</summary>
public enum SplitLimit
{
    /// <summary>The voucher pays every eligible item; the rest of the bill is not eligible.</summary>
    EligibleAmount,

    /// <summary>The issuer's balance (or its estimate) is lower than what is eligible.</summary>
    IssuerBalance,

    /// <summary>What is left of today's cap on this voucher account is lower.</summary>
    DailyCap,

    /// <summary>Today's cap on this voucher account is already spent.</summary>
    DailyCapReached,

    /// <summary>The voucher part would be under the minimum transaction, so the card pays everything.</summary>
    BelowMinimum,

    /// <summary>Nothing in the order is voucher-eligible.</summary>
    NothingEligible,

    /// <summary>The rules in force refuse vouchers on Sundays and public holidays, and today is one.</summary>
    SundayOrHoliday,
}

/// <summary>What the split planner needs to know; refuses requests that cannot describe a real order.</summary>
public sealed record SplitRequest
{
    public SplitRequest(Money total, Money eligibleSubtotal, Money? issuerAvailable, Money dailyCap, Money spentTodayHere, Money minimum)
    {
        if (eligibleSubtotal > total)
        {
            throw new ArgumentOutOfRangeException(nameof(eligibleSubtotal), "The eligible subtotal cannot exceed the total.");
        }
        if (dailyCap.IsZero)
        {
            throw new ArgumentOutOfRangeException(nameof(dailyCap), "A daily cap of zero would forbid every voucher.");
        }
        Total = total;
        EligibleSubtotal = eligibleSubtotal;
        IssuerAvailable = issuerAvailable;
        DailyCap = dailyCap;
        SpentTodayHere = spentTodayHere;
        Minimum = minimum;
    }

    public Money Total { get; }
    public Money EligibleSubtotal { get; }

    /// <summary>The issuer's balance or estimate; null while the diner has not identified a voucher yet.</summary>
    public Money? IssuerAvailable { get; }

    public Money DailyCap { get; }
    public Money SpentTodayHere { get; }
    public Money Minimum { get; }

    /// <summary>The rules in force refuse vouchers today (a Sunday or public holiday).</summary>
    public bool VouchersRefusedToday { get; init; }
}

/// <summary>How a bill splits: VoucherPart + CardPart always equals the order total.</summary>
public sealed record SplitPlan(Money VoucherPart, Money CardPart, SplitLimit Limit)
{
    public bool UsesVoucher => !VoucherPart.IsZero;

    public bool UsesCard => !CardPart.IsZero;
}

/// <summary>
/// Decides the voucher part: min(eligible subtotal, issuer available, cap − spent today), and the
/// card pays the rest. A voucher part under the minimum goes entirely to the card.
/// </summary>
public sealed class SplitPlanner
{
    public SplitPlan Plan(SplitRequest request)
    {
        if (request.EligibleSubtotal.IsZero)
        {
            return AllOnCard(request, SplitLimit.NothingEligible);
        }
        if (request.VouchersRefusedToday)
        {
            return AllOnCard(request, SplitLimit.SundayOrHoliday);
        }
        var capLeft = request.DailyCap.SaturatingMinus(request.SpentTodayHere);
        if (capLeft.IsZero)
        {
            return AllOnCard(request, SplitLimit.DailyCapReached);
        }

        // Ties go to the rule a diner understands best: their basket, then the cap, then the balance.
        var (voucher, limit) = (request.EligibleSubtotal, SplitLimit.EligibleAmount);
        if (capLeft < voucher)
        {
            (voucher, limit) = (capLeft, SplitLimit.DailyCap);
        }
        if (request.IssuerAvailable is { } available && available < voucher)
        {
            (voucher, limit) = (available, SplitLimit.IssuerBalance);
        }

        if (voucher < request.Minimum)
        {
            return AllOnCard(request, SplitLimit.BelowMinimum);
        }
        return new SplitPlan(voucher, request.Total - voucher, limit);
    }

    private static SplitPlan AllOnCard(SplitRequest request, SplitLimit limit) => new(Money.Zero, request.Total, limit);
}
