namespace MealCheckout.Web.Security;

/// <summary>
/// The settings check that runs before anything else at start-up. In every environment: the
/// trusted proxies and the key ring's certificate must be readable. In Production also: no sandbox
/// provider, every required setting present, every secret set for real (development defaults all
/// start with <see cref="DevelopmentSecretPrefix"/>), and the providers reached over HTTPS.
/// </summary>
public static class ProductionSafety
{
    public const string DevelopmentSecretPrefix = "dev-only-";

    /// <summary>Configuration keys whose values are secrets and must be set for real in Production.</summary>
    public static readonly string[] SecretKeys =
    [
        "Payments:Edenred:ClientSecret",
        "Payments:Edenred:PaymentClientSecret",
        "Payments:Adyen:ApiKey",
        "Payments:Adyen:HmacKeyHex",
        "Staff:SeedPassword",
        "Payments:CardFingerprintKey",
    ];

    /// <summary>Secrets a deployment may leave unset, but never at their development default.</summary>
    public static readonly string[] OptionalSecretKeys =
    [
        "Staff:SeedReadOnlyPassword",
    ];

    /// <summary>Settings that are not secret but without which Production cannot serve a page or take a payment.</summary>
    public static readonly string[] RequiredKeys =
    [
        "Payments:Edenred:Authority",
        "Payments:Edenred:ApiBaseAddress",
        "Payments:Edenred:ClientId",
        "Payments:Edenred:PaymentClientId",
        "Payments:Edenred:PaymentScope",
        "Payments:Adyen:BaseAddress",
        "Payments:Adyen:MerchantAccount",
        "Staff:SeedUser",
    ];

    /// <summary>Provider addresses: in Production the real providers, over HTTPS (a path would mean the sandbox inside the app).</summary>
    public static readonly string[] ProviderAddressKeys =
    [
        "Payments:Edenred:Authority",
        "Payments:Edenred:ApiBaseAddress",
        "Payments:Adyen:BaseAddress",
    ];

    /// <summary>What stops a Production start, one sentence each.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        if (configuration.GetValue("Sandbox:Enabled", false))
        {
            problems.Add("Sandbox:Enabled is true: the sandbox providers must never run in Production.");
        }
        if (configuration.GetValue("Chaos:Enabled", false))
        {
            problems.Add("Chaos:Enabled is true: the chaos run's checkout endpoint must never run in Production.");
        }
        foreach (var key in RequiredKeys.Concat(SecretKeys).Where(key => string.IsNullOrWhiteSpace(configuration[key])))
        {
            problems.Add($"{key} is not set.");
        }
        foreach (var key in SecretKeys.Concat(OptionalSecretKeys).Where(key => IsDevelopmentDefault(configuration[key])))
        {
            problems.Add($"{key} still holds its development default.");
        }
        foreach (var key in ProviderAddressKeys.Where(key => !string.IsNullOrWhiteSpace(configuration[key]) && !IsHttpsAddress(configuration[key]!)))
        {
            problems.Add($"{key} must be an absolute https:// address of the provider.");
        }
        return problems;
    }

    /// <summary>What stops the app from starting in <paramref name="environment"/>, one sentence each.</summary>
    public static IReadOnlyList<string> StartupProblems(IHostEnvironment environment, IConfiguration configuration)
    {
        var problems = TrustedProxies.Problems(configuration).ToList();
        if (KeyRing.CertificateProblem(configuration, environment.ContentRootPath) is { } certificate)
        {
            problems.Add(certificate);
        }
        if (environment.IsProduction())
        {
            problems.AddRange(Problems(configuration));
        }
        return problems;
    }

    /// <summary>Writes one plain line per problem (no stack trace) and says whether the app may start.</summary>
    public static bool CheckAtStartup(IHostEnvironment environment, IConfiguration configuration, TextWriter error)
    {
        var problems = StartupProblems(environment, configuration);
        foreach (var problem in problems)
        {
            error.WriteLine($"MealCheckout refuses to start ({environment.EnvironmentName}): {problem}");
        }
        return problems.Count == 0;
    }

    private static bool IsDevelopmentDefault(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && (value.StartsWith(DevelopmentSecretPrefix, StringComparison.Ordinal) || value == new MealCheckout.Sandbox.AdyenSandboxOptions().HmacKeyHex);

    private static bool IsHttpsAddress(string value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
