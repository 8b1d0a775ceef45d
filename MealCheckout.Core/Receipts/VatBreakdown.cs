namespace MealCheckout.Core.Receipts;

/// <summary>The tax-included total of one VAT rate and the tax it contains.</summary>
public sealed record VatLine(VatRate Rate, Money Gross, Money Tax)
{
    public Money Net => Gross - Tax;
}

/// <summary>
/// VAT per rate worked out of tax-included prices. Rounding rule: lines are summed per rate first,
/// then the tax of each rate's total is rounded once to the cent, half away from zero (see
/// <see cref="VatRate.TaxIncludedIn"/>); the net is the total minus that tax. Rounding per line would
/// drift by a cent per line from what an accountant recomputes from the totals.
/// </summary>
public static class VatBreakdown
{
    public static IReadOnlyList<VatLine> Of(IEnumerable<(VatRate Rate, Money Gross)> lines) =>
        lines.GroupBy(l => l.Rate)
            .OrderBy(g => g.Key.BasisPoints)
            .Select(g =>
            {
                var gross = g.Aggregate(Money.Zero, (sum, l) => sum + l.Gross);
                return new VatLine(g.Key, gross, g.Key.TaxIncludedIn(gross));
            })
            .ToList();
}
