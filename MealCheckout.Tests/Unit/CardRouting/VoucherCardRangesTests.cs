using MealCheckout.Core;
using MealCheckout.Core.CardRouting;

namespace MealCheckout.Tests.Unit.CardRouting;

public sealed class VoucherCardRangesTests
{
    private static VoucherCardRangeOption Range(string? prefix, VoucherCardKind? kind, VoucherIssuer? issuer) => new() { Prefix = prefix, Kind = kind, Issuer = issuer };

    private static IReadOnlyList<string> Errors(params VoucherCardRangeOption[] ranges) =>
        VoucherCardRanges.Read(new VoucherCardRangeOptions { Ranges = [.. ranges] }).Errors;

    private static VoucherCardRanges Table(params VoucherCardRangeOption[] ranges)
    {
        var (read, errors) = VoucherCardRanges.Read(new VoucherCardRangeOptions { Ranges = [.. ranges] });
        Assert.Empty(errors);
        return new VoucherCardRanges(read);
    }

    [Fact]
    public void By_default_no_card_is_a_first_generation_or_mixed_card()
    {
        var table = new VoucherCardRanges(Microsoft.Extensions.Options.Options.Create(new VoucherCardRangeOptions()));

        Assert.Null(table.Recognise("535610"));
        Assert.Null(table.Recognise("4111111111111111"));
    }

    [Fact]
    public void A_card_is_recognised_by_its_first_six_digits_or_its_whole_number()
    {
        var table = Table(Range("535610", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile), Range("450903", VoucherCardKind.Mixed, VoucherIssuer.Bimpli));

        Assert.Equal(new VoucherCardRange("535610", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile), table.Recognise("535610"));
        Assert.Equal(VoucherCardKind.Mixed, table.Recognise("4509030000000013")?.Kind);
        Assert.Null(table.Recognise("411111"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("53561")]
    [InlineData("53561x")]
    public void Fewer_than_six_digits_recognise_nothing(string? digits)
    {
        var table = Table(Range("535610", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile));

        Assert.Null(table.Recognise(digits));
    }

    [Fact]
    public void The_longest_prefix_wins_so_a_narrower_range_can_be_carved_out()
    {
        var table = Table(Range("535610", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile), Range("53561099", VoucherCardKind.Mixed, VoucherIssuer.Pluxee));

        Assert.Equal(VoucherIssuer.Pluxee, table.Recognise("5356109900000001")?.Issuer);
        Assert.Equal(VoucherIssuer.Swile, table.Recognise("5356100000000015")?.Issuer);
    }

    [Theory]
    [InlineData("5356", "Payments:VoucherCardRanges:Ranges:0:Prefix must be the first 6 to 8 digits")]
    [InlineData("535610123", "Prefix must be the first 6 to 8 digits")]
    [InlineData("53561a", "Prefix must be the first 6 to 8 digits")]
    [InlineData(null, "Prefix must be the first 6 to 8 digits")]
    public void A_prefix_that_is_not_six_to_eight_digits_is_refused_naming_its_key(string? prefix, string expected)
    {
        var error = Assert.Single(Errors(Range(prefix, VoucherCardKind.FirstGeneration, VoucherIssuer.Swile)));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_without_a_kind_or_an_issuer_is_refused()
    {
        var errors = Errors(Range("535610", null, VoucherIssuer.Swile), Range("535611", VoucherCardKind.FirstGeneration, null));

        Assert.Collection(errors,
            e => Assert.Contains("Ranges:0:Kind must be FirstGeneration or Mixed", e, StringComparison.Ordinal),
            e => Assert.Contains("Ranges:1:Issuer must name the card's meal-voucher issuer", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Edenred_cards_are_never_routed_by_range_and_only_a_CONECS_issuer_has_mixed_cards()
    {
        var errors = Errors(Range("535610", VoucherCardKind.Mixed, VoucherIssuer.Edenred), Range("535611", VoucherCardKind.Mixed, VoucherIssuer.Swile));

        Assert.Collection(errors,
            e => Assert.Contains("other than Edenred", e, StringComparison.Ordinal),
            e => Assert.Contains("Swile has no CONECS card", e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_prefix_configured_twice_is_refused()
    {
        var error = Assert.Single(Errors(Range("535610", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile), Range("535610", VoucherCardKind.Mixed, VoucherIssuer.Bimpli)));

        Assert.Contains("Ranges:1:Prefix 535610 is configured twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_up_check_fails_with_every_error()
    {
        var result = new VoucherCardRangeValidation().Validate(null, new VoucherCardRangeOptions { Ranges = [Range("1", VoucherCardKind.FirstGeneration, VoucherIssuer.Swile)] });

        Assert.True(result.Failed);
        Assert.Contains("Prefix must be the first 6 to 8 digits", result.FailureMessage, StringComparison.Ordinal);
    }
}
