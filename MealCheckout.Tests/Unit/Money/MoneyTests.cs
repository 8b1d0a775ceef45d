using System.Globalization;
using MealCheckout.Core;

namespace MealCheckout.Tests.Unit.MoneyTests;

public sealed class MoneyTests
{
    [Fact]
    public void Negative_amounts_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromCents(-1));

    [Fact]
    public void Subtracting_more_than_held_is_refused_but_saturating_minus_stops_at_zero()
    {
        var five = Money.FromCents(500);
        var seven = Money.FromCents(700);

        Assert.Throws<ArgumentOutOfRangeException>(() => five - seven);
        Assert.Equal(Money.Zero, five.SaturatingMinus(seven));
        Assert.Equal(Money.FromCents(200), seven.SaturatingMinus(five));
    }

    [Fact]
    public void Arithmetic_is_exact_in_cents()
    {
        var total = Money.FromCents(1) * 3 + Money.FromCents(10) * 3;
        Assert.Equal(33, total.Cents);
        Assert.Equal(Money.FromCents(1), Money.Min(Money.FromCents(1), Money.FromCents(2)));
        Assert.Equal(Money.FromCents(2), Money.Max(Money.FromCents(1), Money.FromCents(2)));
    }

    [Fact]
    public void A_negative_quantity_is_refused_even_for_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Zero * -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromCents(100) * -1);
    }

    [Fact]
    public void Overflow_is_detected_rather_than_wrapping() =>
        Assert.Throws<OverflowException>(() => Money.FromCents(long.MaxValue) + Money.FromCents(1));

    [Theory]
    [InlineData(1250, "fr-FR", "12,50\u00a0€")]
    [InlineData(5, "fr-FR", "0,05\u00a0€")]
    [InlineData(1250, "en", "€12.50")]
    [InlineData(123456, "en", "€1,234.56")]
    public void Formats_euros_for_the_diners_language(long cents, string culture, string expected) =>
        Assert.Equal(expected, Money.FromCents(cents).Format(CultureInfo.GetCultureInfo(culture)));
}
