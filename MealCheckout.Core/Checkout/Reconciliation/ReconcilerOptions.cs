namespace MealCheckout.Core.Checkout;

/// <summary>Section "Reconciler": how often unfinished checkouts are looked at, and when.</summary>
public sealed class ReconcilerOptions
{
    public const string SectionName = "Reconciler";

    public int IntervalSeconds { get; set; } = 60;

    /// <summary>A checkout still open this long after it started is no longer being paid by anyone.</summary>
    public int StaleAfterSeconds { get; set; } = 120;

    /// <summary>A payment whose answer never came and that no notification named is given up as failed after this long.</summary>
    public int UnknownGiveUpAfterSeconds { get; set; } = 3600;

    /// <summary>How long an instance may work one checkout before another may take it over (it died, or hangs).</summary>
    public int LeaseSeconds { get; set; } = 300;
}
