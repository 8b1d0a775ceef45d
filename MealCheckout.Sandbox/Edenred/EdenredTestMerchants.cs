namespace MealCheckout.Sandbox.Edenred;

/// <summary>
/// The restaurants the sandbox's Edenred has a contract with, by merchant ID (<c>mid</c>), as Edenred's
/// own test environment knows only the merchants it set up. Any other <c>mid</c>, blank included, is
/// refused with the document's <c>INVALID_MERCHANT</c> ("The merchant is not valid, please check the given mid.").
/// </summary>
public static class EdenredTestMerchants
{
    /// <summary>The document's merchant, the demo restaurant's in Development.</summary>
    public const string Document = "1999224";

    /// <summary>A second restaurant's, for a manager changing the merchant ID in the settings.</summary>
    public const string Second = "1999225";

    public static bool Knows(string mid) => mid is Document or Second;
}
