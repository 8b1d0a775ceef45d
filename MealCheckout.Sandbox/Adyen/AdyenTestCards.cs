namespace MealCheckout.Sandbox.Adyen;

/// <summary>How an emulated card behaves beyond its balance.</summary>
public enum CardBehaviour
{
    Normal,
    Expired,
    Blocked,

    /// <summary>The issuer authorises at most <see cref="AdyenTestCard.PartialLimitCents"/> of any payment (PartiallyAuthorised).</summary>
    PartialAuthorisation,

    /// <summary>Locks after three wrong CVCs, like a real card would.</summary>
    LocksAfterWrongCvc,

    Refused,
    InsufficientFunds,

    /// <summary>Authorises (the money is held), then the answer never arrives.</summary>
    TimesOutAfterCharge,
}

/// <summary>Whether a card is also a meal voucher paid through the card network (seed 001: first-generation and mixed cards).</summary>
public enum NetworkVoucher
{
    /// <summary>A bank card, or a CONECS-only card.</summary>
    None,

    /// <summary>A Visa or Mastercard carrying a voucher issuer's logo: accepted as <c>scheme</c> only, under the voucher rules.</summary>
    FirstGeneration,

    /// <summary>Accepted as its issuer's CONECS meal voucher and as <c>scheme</c> (<see cref="AdyenTestCard.NetworkBrand"/>).</summary>
    Mixed,
}

/// <summary>
/// A test card of the sandbox. <see cref="PaymentType"/> is "mealVoucher_FR" or "scheme". A voucher paid through the
/// card network authorises part of a payment when the request allows it (<c>additionalData.allowPartialAuth</c>) and
/// <see cref="SupportsPartialAuthorisation"/>; <see cref="SpentElsewhereTodayCents"/> is what it paid in other shops today.
/// </summary>
public sealed record AdyenTestCard(
    string Number, string PaymentType, string Brand, long BalanceCents, CardBehaviour Behaviour = CardBehaviour.Normal,
    int ExpiryMonth = 12, int ExpiryYear = 2030, string Cvc = "737", long PartialLimitCents = 1000, bool AllowedOnSundaysAndHolidays = false,
    NetworkVoucher Network = NetworkVoucher.None, string? NetworkBrand = null, bool SupportsPartialAuthorisation = true, long SpentElsewhereTodayCents = 0)
{
    public string Last4 => Number[^4..];

    /// <summary>The issuer's meal-voucher rules apply (daily cap, Sundays), whichever way the card is paid.</summary>
    public bool IsMealVoucher => PaymentType == AdyenTestCards.MealVoucherType || Network != NetworkVoucher.None;

    /// <summary>A mixed card is accepted both as a meal voucher and as a card.</summary>
    public bool Accepts(string paymentType) => PaymentType == paymentType || (Network == NetworkVoucher.Mixed && paymentType == "scheme");

    /// <summary>The payment method a payment of this type records: a mixed card paid as a card is its network's.</summary>
    public string BrandFor(string paymentType) => paymentType == "scheme" && NetworkBrand is { } network ? network : Brand;
}

/// <summary>The documented test cards (docs/sandbox.md): six per CONECS brand, six Swile first-generation cards, two mixed cards, four bank cards.</summary>
public static class AdyenTestCards
{
    /// <summary>The payment type of CONECS meal vouchers; each brand's payment method starts with it.</summary>
    public const string MealVoucherType = "mealVoucher_FR";

    public const string Bimpli = "mealVoucher_FR_natixis";
    public const string Pluxee = "mealVoucher_FR_sodexo";
    public const string UpDejeuner = "mealVoucher_FR_groupeup";

    public static IReadOnlyList<AdyenTestCard> All { get; } =
    [
        .. Conecs(Bimpli, "50381100000000"), .. Conecs(Pluxee, "50354500000000"), .. Conecs(UpDejeuner, "50442100000000"),
        new("4111111111111111", "scheme", "visa", 1_000_000),
        new("4000000000000002", "scheme", "visa", 1_000_000, CardBehaviour.Refused),
        new("4000000000009995", "scheme", "visa", 0, CardBehaviour.InsufficientFunds),
        new("4000000000000119", "scheme", "visa", 1_000_000, CardBehaviour.TimesOutAfterCharge),
        .. FirstGeneration(),
        .. Mixed(),
    ];

    /// <summary>Swile first-generation cards, Mastercard range 535610 (appsettings.Development.json names the range).</summary>
    private static IEnumerable<AdyenTestCard> FirstGeneration()
    {
        const string Mastercard = "mc";
        yield return new("5356100000000015", "scheme", Mastercard, 5_000, Network: NetworkVoucher.FirstGeneration);
        yield return new("5356100000000023", "scheme", Mastercard, 800, Network: NetworkVoucher.FirstGeneration);
        yield return new("5356100000000031", "scheme", Mastercard, 5_000, CardBehaviour.Refused, Network: NetworkVoucher.FirstGeneration);
        yield return new("5356100000000049", "scheme", Mastercard, 5_000, Network: NetworkVoucher.FirstGeneration, SpentElsewhereTodayCents: 2_500);
        yield return new("5356100000000056", "scheme", Mastercard, 800, Network: NetworkVoucher.FirstGeneration, SupportsPartialAuthorisation: false);
        yield return new("5356100000000064", "scheme", Mastercard, 5_000, AllowedOnSundaysAndHolidays: true, Network: NetworkVoucher.FirstGeneration);
    }

    /// <summary>Bimpli mixed cards, Visa range 450903: CONECS meal vouchers that are also Visa cards.</summary>
    private static IEnumerable<AdyenTestCard> Mixed()
    {
        yield return new("4509030000000013", MealVoucherType, Bimpli, 5_000, Network: NetworkVoucher.Mixed, NetworkBrand: "visa");
        yield return new("4509030000000021", MealVoucherType, Bimpli, 800, Network: NetworkVoucher.Mixed, NetworkBrand: "visa");
    }

    public static AdyenTestCard? Find(string number) => All.FirstOrDefault(c => c.Number == number);

    private static IEnumerable<AdyenTestCard> Conecs(string brand, string prefix)
    {
        // The last two digits end in a Luhn check digit; see docs/sandbox.md for the full numbers.
        string[] endings = brand switch
        {
            Bimpli => ["10", "28", "36", "44", "51", "69"],
            Pluxee => ["13", "21", "39", "47", "54", "62"],
            _ => ["10", "28", "36", "44", "51", "69"],
        };
        yield return new(prefix + endings[0], "mealVoucher_FR", brand, 5_000);
        yield return new(prefix + endings[1], "mealVoucher_FR", brand, 800);
        yield return new(prefix + endings[2], "mealVoucher_FR", brand, 5_000, CardBehaviour.Expired, ExpiryMonth: 3, ExpiryYear: 2024);
        yield return new(prefix + endings[3], "mealVoucher_FR", brand, 5_000, CardBehaviour.Blocked);
        yield return new(prefix + endings[4], "mealVoucher_FR", brand, 5_000, CardBehaviour.PartialAuthorisation);
        yield return new(prefix + endings[5], "mealVoucher_FR", brand, 5_000, CardBehaviour.LocksAfterWrongCvc, AllowedOnSundaysAndHolidays: true);
    }
}
