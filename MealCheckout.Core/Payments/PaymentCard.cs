namespace MealCheckout.Core.Payments;

/// <summary>
/// A card the diner entered, as the checkout handles it: the last four digits for people, and what
/// goes to the provider. Either the clear card (<see cref="CardDetails"/>, for server-to-server callers)
/// or the values the provider's secured fields encrypted in the browser (<see cref="EncryptedCard"/>).
/// </summary>
public abstract class PaymentCard
{
    public abstract string Last4 { get; }

    /// <summary>The scheme as the card fields saw it ("visa", "mc", "cb"), when they did; the provider's answer is what is kept.</summary>
    public virtual string? Brand => null;

    /// <summary>The first six digits (the BIN), which say whether it is a first-generation or mixed voucher card; null when unknown.</summary>
    public virtual string? Bin => null;
}

/// <summary>
/// A card typed into the provider's secured fields: each field encrypted in the browser with the
/// provider's public key, opaque to this app. Only the provider can read it; the brand and last four
/// digits are what the fields reported for display.
/// </summary>
public sealed class EncryptedCard : PaymentCard
{
    private EncryptedCard(string number, string expiryMonth, string expiryYear, string securityCode, string? brand, string last4, string? bin)
    {
        Bin = bin;
        EncryptedCardNumber = number;
        EncryptedExpiryMonth = expiryMonth;
        EncryptedExpiryYear = expiryYear;
        EncryptedSecurityCode = securityCode;
        Brand = brand;
        Last4 = last4;
    }

    public string EncryptedCardNumber { get; }
    public string EncryptedExpiryMonth { get; }
    public string EncryptedExpiryYear { get; }
    public string EncryptedSecurityCode { get; }
    public override string? Brand { get; }
    public override string Last4 { get; }
    public override string? Bin { get; }

    /// <summary>
    /// Null unless every field is there and the last four are four digits (the rest the provider checks).
    /// <paramref name="bin"/>, the first six digits the number field reported, is kept only when it is six digits.
    /// </summary>
    public static EncryptedCard? From(string? number, string? expiryMonth, string? expiryYear, string? securityCode, string? brand, string? last4, string? bin = null) =>
        string.IsNullOrEmpty(number) || string.IsNullOrEmpty(expiryMonth) || string.IsNullOrEmpty(expiryYear) || string.IsNullOrEmpty(securityCode)
        || last4 is not { Length: 4 } || !last4.All(char.IsAsciiDigit)
            ? null
            : new EncryptedCard(number, expiryMonth, expiryYear, securityCode, brand is { Length: > 0 and <= 20 } ? brand : null, last4,
                bin is { Length: 6 } && bin.All(char.IsAsciiDigit) ? bin : null);

    public override string ToString() => $"encrypted card •••• {Last4}";
}
