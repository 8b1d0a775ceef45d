using MealCheckout.Core.Restaurants;

namespace MealCheckout.Tests.Unit.Restaurant;

public sealed class SiretTests
{
    [Theory]
    [InlineData("90243125300001")]
    [InlineData("902 431 253 00001")]
    [InlineData("35600000000015")] // La Poste: digits sum to a multiple of 5
    public void A_SIRET_with_its_key_is_read(string text)
    {
        Assert.Equal(SiretError.None, Siret.TryParse(text, out var siret));
        Assert.Equal(14, siret.Digits.Length);
    }

    [Theory]
    [InlineData("90243125300002", SiretError.WrongCheckDigit)]
    [InlineData("92043125300001", SiretError.WrongCheckDigit)] // two digits swapped
    [InlineData("35600000000014", SiretError.WrongCheckDigit)] // Luhn holds, La Poste's rule does not
    [InlineData("9024312530000", SiretError.NotFourteenDigits)]
    [InlineData("9024312530000A", SiretError.NotFourteenDigits)]
    [InlineData("  ", SiretError.Missing)]
    [InlineData(null, SiretError.Missing)]
    public void A_SIRET_without_its_key_or_fourteen_digits_is_refused(string? text, SiretError expected) =>
        Assert.Equal(expected, Siret.TryParse(text, out _));

    [Fact]
    public void A_SIRET_reads_in_INSEE_groups()
    {
        _ = Siret.TryParse("90243125300001", out var siret);

        Assert.Equal("902 431 253 00001", siret.ToString());
    }
}
