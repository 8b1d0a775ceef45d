namespace MealCheckout.Sandbox;

/// <summary>
/// Settings of the built-in provider emulators (section "Sandbox"). Defaults suit a developer
/// machine and the tests; Production refuses to start with the sandbox enabled.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    public bool Enabled { get; set; }

    public EdenredSandboxOptions Edenred { get; set; } = new();

    public AdyenSandboxOptions Adyen { get; set; } = new();
}

public sealed class EdenredSandboxOptions
{
    /// <summary>The OAuth client the app logs diners in with.</summary>
    public string ClientId { get; set; } = "mealcheckout-web";

    public string ClientSecret { get; set; } = "dev-only-edenred-oauth-secret";

    /// <summary>X-Client-Id / X-Client-Secret of the Direct Payment API.</summary>
    public string PaymentClientId { get; set; } = "mealcheckout-payment";

    public string PaymentClientSecret { get; set; } = "dev-only-edenred-payment-secret";

    /// <summary>The payment scope the app must ask for, besides openid and offline_access.</summary>
    public string PaymentScope { get; set; } = "edg-xp-mealdelivery-api";

    /// <summary>Redirect URIs accepted at /connect/authorize; a path alone matches on any host (ephemeral test ports).</summary>
    public List<string> AllowedRedirectUris { get; set; } = ["/signin-edenred"];

    public List<string> AllowedPostLogoutRedirectUris { get; set; } = ["/checkout", "/"];

    public int AccessTokenLifetimeSeconds { get; set; } = 300;

    public int RefreshTokenLifetimeSeconds { get; set; } = 86_400;

    public int CodeLifetimeSeconds { get; set; } = 60;

    public long DefaultDailyLimitCents { get; set; } = 1900;

    /// <summary>When set, every account starts with this balance instead of its documented one (long chaos and load runs).</summary>
    public long? BalanceCents { get; set; }
}

public sealed class AdyenSandboxOptions
{
    public string ApiKey { get; set; } = "dev-only-adyen-api-key";

    public string MerchantAccount { get; set; } = "MealCheckoutDemo";

    /// <summary>HMAC key for webhook signatures, hex as Adyen's Customer Area shows it.</summary>
    public string HmacKeyHex { get; set; } = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

    /// <summary>Where notifications are posted; empty means no webhooks.</summary>
    public string WebhookUrl { get; set; } = "";

    /// <summary>The CONECS daily cap the emulated issuers apply per card.</summary>
    public long DailyCapCents { get; set; } = 2500;

    /// <summary>How long a "timeout after commit" card or fault holds the answer back before dropping it.</summary>
    public int CommitTimeoutMilliseconds { get; set; } = 15_000;

    /// <summary>How long a notification the app does not accept is retried, beyond the first three attempts (an app restarting).</summary>
    public int WebhookRetrySeconds { get; set; }

    /// <summary>How long a card field encrypted in the browser may be used after it was made (the provider's own rule is a day).</summary>
    public int EncryptedCardLifetimeMinutes { get; set; } = 24 * 60;

    /// <summary>When set, every CONECS voucher card's balance instead of its documented one (long chaos and load runs).</summary>
    public long? VoucherBalanceCents { get; set; }

    /// <summary>When set, every bank card's balance instead of its documented one (long load runs).</summary>
    public long? CardBalanceCents { get; set; }
}
