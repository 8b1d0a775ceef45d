namespace MealCheckout.Core.Payments;

/// <summary>The card schemes' names as a diner reads them on a card, from the provider's codes.</summary>
public static class CardSchemes
{
    /// <summary>"Visa", "Mastercard", "CB"; null for a code we do not know (or the placeholder "card").</summary>
    public static string? DisplayName(string? brand) => brand?.ToLowerInvariant() switch
    {
        "visa" => "Visa",
        "mc" or "mastercard" => "Mastercard",
        "cb" or "cartebancaire" => "CB",
        "amex" => "American Express",
        _ => null,
    };
}
