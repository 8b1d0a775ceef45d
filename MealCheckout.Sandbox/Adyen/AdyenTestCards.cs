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

/// <summary>A test card of the sandbox. <see cref="PaymentType"/> is "mealVoucher_FR" or "scheme".</summary>
public sealed record AdyenTestCard(
    string Number, string PaymentType, string Brand, long BalanceCents, CardBehaviour Behaviour = CardBehaviour.Normal,
    int ExpiryMonth = 12, int ExpiryYear = 2030, string Cvc = "737", long PartialLimitCents = 1000, bool AllowedOnSundaysAndHolidays = false)
{
    public string Last4 => Number[^4..];
}

/// <summary>The documented test cards (docs/sandbox.md): six per CONECS brand, four bank cards.</summary>
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
    ];

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
