using Microsoft.Extensions.Options;

namespace MealCheckout.Core.CardRouting;

/// <summary>A configured range: the card number prefix, what kind of voucher card it is, and whose.</summary>
public sealed record VoucherCardRange(string Prefix, VoucherCardKind Kind, VoucherIssuer Issuer);

/// <summary>
/// Recognises first-generation and mixed meal-voucher cards by the first digits of their number (the
/// BIN, which PCI DSS allows to be handled in the clear). The longest matching prefix wins, so a
/// narrower range can be carved out of a wider one.
/// </summary>
public sealed class VoucherCardRanges
{
    /// <summary>Digits a card field reports (the BIN); what is recognised needs no more.</summary>
    public const int BinLength = 6;

    private readonly IReadOnlyList<VoucherCardRange> ranges;

    public VoucherCardRanges(IOptions<VoucherCardRangeOptions> options)
        : this(Read(options.Value).Ranges)
    {
    }

    public VoucherCardRanges(IReadOnlyList<VoucherCardRange> ranges) =>
        this.ranges = [.. ranges.OrderByDescending(r => r.Prefix.Length)];

    /// <summary>The range a card number (or its first digits) falls in; null for an ordinary bank card or a CONECS-only card.</summary>
    public VoucherCardRange? Recognise(string? leadingDigits) =>
        leadingDigits is { Length: >= BinLength } digits && digits.All(char.IsAsciiDigit)
            ? ranges.FirstOrDefault(r => digits.StartsWith(r.Prefix, StringComparison.Ordinal))
            : null;

    /// <summary>The ranges as configured, or why not: each error names the configuration key.</summary>
    public static (IReadOnlyList<VoucherCardRange> Ranges, IReadOnlyList<string> Errors) Read(VoucherCardRangeOptions options)
    {
        var ranges = new List<VoucherCardRange>();
        var errors = new List<string>();
        for (var i = 0; i < options.Ranges.Count; i++)
        {
            var option = options.Ranges[i];
            var key = $"{VoucherCardRangeOptions.SectionName}:Ranges:{i}";
            if (option.Prefix is not { Length: >= BinLength and <= 8 } prefix || !prefix.All(char.IsAsciiDigit))
            {
                errors.Add($"{key}:Prefix must be the first 6 to 8 digits of a card number; it is '{option.Prefix}'.");
                continue;
            }
            if (option.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors.Add($"{key}:Kind must be FirstGeneration or Mixed.");
                continue;
            }
            if (option.Issuer is not { } issuer || !Enum.IsDefined(issuer) || issuer == VoucherIssuer.Edenred)
            {
                // Edenred vouchers are paid through Edenred's own API after the diner's login, never as a typed card.
                errors.Add($"{key}:Issuer must name the card's meal-voucher issuer, other than Edenred; it is '{option.Issuer}'.");
                continue;
            }
            if (kind == VoucherCardKind.Mixed && issuer.RouteOf() != VoucherRoute.Conecs)
            {
                errors.Add($"{key}:Issuer {issuer} has no CONECS card, so its cards cannot be mixed cards.");
                continue;
            }
            if (ranges.Any(r => r.Prefix == prefix))
            {
                errors.Add($"{key}:Prefix {prefix} is configured twice: keep one range per prefix.");
                continue;
            }
            ranges.Add(new VoucherCardRange(prefix, kind, issuer));
        }
        return (ranges, errors);
    }
}

/// <summary>Refuses to start on ranges nobody can read: a prefix that is not 6 to 8 digits, a missing kind or issuer, a prefix twice.</summary>
public sealed class VoucherCardRangeValidation : IValidateOptions<VoucherCardRangeOptions>
{
    public ValidateOptionsResult Validate(string? name, VoucherCardRangeOptions options)
    {
        var errors = VoucherCardRanges.Read(options).Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
