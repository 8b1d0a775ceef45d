namespace MealCheckout.Web;

/// <summary>Marker for the diner-facing strings in Resources/UiText.resx (French) and UiText.en.resx.</summary>
public sealed class UiText;
