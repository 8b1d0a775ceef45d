namespace MealCheckout.Web.Localization;

/// <summary>
/// Marker for MudBlazor's built-in texts (pager, dialogs, date pickers) in Resources/Localization/MudBlazorText.resx
/// (French) and MudBlazorText.en.resx; keys are MudBlazor's own (<c>MudDataGridPager_NextPage</c>).
/// </summary>
public sealed class MudBlazorText;
