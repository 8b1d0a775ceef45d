namespace MealCheckout.Core.Payments.Adyen;

/// <summary>Section "Payments:Adyen": where the Adyen-style Checkout API is and how to call it.</summary>
public sealed class AdyenOptions
{
    public const string SectionName = "Payments:Adyen";

    /// <summary>Absolute, or a path on this app (the built-in sandbox).</summary>
    public string BaseAddress { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string MerchantAccount { get; set; } = "";

    public string HmacKeyHex { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 10;
}
