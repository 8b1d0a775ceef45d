namespace MealCheckout.Web.Security;

/// <summary>
/// Refuses to start a Production app on development settings: the sandbox providers, or any
/// secret still holding a development default (those all start with <see cref="DevelopmentSecretPrefix"/>).
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
        foreach (var key in SecretKeys.Concat(OptionalSecretKeys))
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                if (SecretKeys.Contains(key))
                {
                    problems.Add($"{key} is not set.");
                }
            }
            else if (value.StartsWith(DevelopmentSecretPrefix, StringComparison.Ordinal) || value == new MealCheckout.Sandbox.AdyenSandboxOptions().HmacKeyHex)
            {
                problems.Add($"{key} still holds its development default.");
            }
        }
        return problems;
    }

    public static void EnsureSafeFor(IHostEnvironment environment, IConfiguration configuration)
    {
        if (!environment.IsProduction())
        {
            return;
        }
        var problems = Problems(configuration);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Refusing to start in Production: " + string.Join(" ", problems));
        }
    }
}
