using System.Globalization;
using MealCheckout.Core;
using MealCheckout.Core.Receipts;

namespace MealCheckout.Tests.Unit.Receipts;

public sealed class VatRateTests
{
    [Theory]
    [InlineData(ItemKind.Food, 1000)]
    [InlineData(ItemKind.SoftDrink, 1000)]
    [InlineData(ItemKind.DeliveryFee, 1000)]
    [InlineData(ItemKind.Alcohol, 2000)]
    [InlineData(ItemKind.Tip, 0)]
    public void Each_kind_has_its_French_default_rate(ItemKind kind, int basisPoints) =>
        Assert.Equal(basisPoints, VatRate.DefaultFor(kind).BasisPoints);

    [Theory]
    [InlineData(1000, 1100, 100)]  // 11,00 € at 10 %: exactly 1,00 €
    [InlineData(1000, 1850, 168)]  // 168.18… rounds down
    [InlineData(2000, 550, 92)]    // 91.67 rounds up
    [InlineData(2000, 15, 3)]      // 2.5 cents: half away from zero gives 3 (banker's rounding would give 2)
    [InlineData(2000, 3, 1)]       // 0.5 cent rounds up too
    [InlineData(550, 1055, 55)]    // 5,5 %
    [InlineData(0, 200, 0)]        // a tip outside VAT
    public void Tax_is_taken_out_of_a_tax_included_amount_rounded_half_away_from_zero(int basisPoints, long grossCents, long taxCents) =>
        Assert.Equal(taxCents, new VatRate(basisPoints).TaxIncludedIn(Money.FromCents(grossCents)).Cents);

    [Fact]
    public void Tax_is_rounded_once_per_rate_on_the_total_not_per_line()
    {
        // Two 16-cent lines at 10 %: 1.45 cents each would round to 1 + 1; their total's 2.9 cents rounds to 3.
        var vat = VatBreakdown.Of([(VatRate.Reduced, Money.FromCents(16)), (VatRate.Reduced, Money.FromCents(16))]);

        var line = Assert.Single(vat);
        Assert.Equal(32, line.Gross.Cents);
        Assert.Equal(3, line.Tax.Cents);
        Assert.Equal(29, line.Net.Cents);
    }

    [Fact]
    public void Rates_are_listed_from_lowest_to_highest_with_their_own_totals()
    {
        var vat = VatBreakdown.Of([(VatRate.Standard, Money.FromCents(550)), (VatRate.Reduced, Money.FromCents(950)), (VatRate.Reduced, Money.FromCents(900))]);

        Assert.Equal([1000, 2000], vat.Select(v => v.Rate.BasisPoints));
        Assert.Equal([1850, 550], vat.Select(v => v.Gross.Cents));
        Assert.Equal([168, 92], vat.Select(v => v.Tax.Cents));
    }

    [Theory]
    [InlineData(1000, "fr-FR", "10\u00a0%")]
    [InlineData(550, "fr-FR", "5,5\u00a0%")]
    [InlineData(2000, "en", "20%")]
    public void A_rate_reads_as_French_or_English_typography_wants(int basisPoints, string culture, string expected) =>
        Assert.Equal(expected, new VatRate(basisPoints).Format(CultureInfo.GetCultureInfo(culture)));

    [Theory]
    [InlineData(-1)]
    [InlineData(10001)]
    public void A_rate_outside_0_to_100_percent_is_refused(int basisPoints) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VatRate(basisPoints));
}
