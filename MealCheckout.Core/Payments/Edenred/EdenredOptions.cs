namespace MealCheckout.Core.Payments.Edenred;

/// <summary>Section "Payments:Edenred": the Edenred SSO (diner login) and the Direct Payment API.</summary>
public sealed class EdenredOptions
{
    public const string SectionName = "Payments:Edenred";

    /// <summary>Direct Payment API root, absolute or a path on this app (the built-in sandbox).</summary>
    public string ApiBaseAddress { get; set; } = "";

    /// <summary>The SSO's issuer address (its discovery document lives under it), absolute or a path on this app.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The OAuth client the diner logs in with.</summary>
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>X-Client-Id / X-Client-Secret of the Direct Payment API.</summary>
    public string PaymentClientId { get; set; } = "";

    public string PaymentClientSecret { get; set; } = "";

    /// <summary>The scope that lets the app spend on the diner's behalf, asked besides openid and offline_access.</summary>
    public string PaymentScope { get; set; } = "";

    public int TimeoutSeconds { get; set; } = 10;
}
