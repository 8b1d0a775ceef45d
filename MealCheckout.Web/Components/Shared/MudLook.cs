using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MealCheckout.Web.Components.Shared;

/// <summary>
/// MudBlazor's classes and icons for markup drawn by hand where a component per element would cost
/// too much in every open circuit (a menu row draws its name, badge and − / + buttons this way).
/// The markup is the one MudText, MudChip and MudIconButton render, so the theme styles it the same.
/// </summary>
public static class MudLook
{
    public const string OutlinedIconButton = "mud-button-root mud-icon-button mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mud-ripple stepper-button";

    public const string FilledIconButton = "mud-button-root mud-icon-button mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple stepper-button";

    public const string OutlinedPaper = "mud-paper mud-paper-outlined";

    public const string RaisedPaper = "mud-paper mud-elevation-4";

    public const string LargeFilledLinkButton = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-large mud-ripple";

    // Static, so every circuit's render tree points at the same two strings.
    public static readonly MarkupString RemoveIcon = IconButtonLabel(Icons.Material.Filled.Remove);

    public static readonly MarkupString AddIcon = IconButtonLabel(Icons.Material.Filled.Add);

    /// <summary>The arrow MudButton draws after its label with <c>EndIcon</c>, at the large size.</summary>
    public static readonly MarkupString ForwardEndIcon = new(
        $"<span class=\"mud-button-icon-end mud-button-icon-size-large\"><svg class=\"mud-icon-root mud-svg-icon mud-icon-size-large\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{Icons.Material.Filled.ArrowForward}</svg></span>");

    public static string Typography(string typo, string extraClass) => $"mud-typography mud-typography-{typo} {extraClass}";

    public static string VoucherBadge(bool eligible) =>
        eligible ? "mud-chip mud-chip-text mud-chip-color-success mud-chip-size-small voucher-badge" : "mud-chip mud-chip-text mud-chip-color-warning mud-chip-size-small voucher-badge";

    private static MarkupString IconButtonLabel(string svgPaths) =>
        new($"<span class=\"mud-icon-button-label\"><svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{svgPaths}</svg></span>");
}
