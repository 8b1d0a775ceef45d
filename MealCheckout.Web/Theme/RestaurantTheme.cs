using MudBlazor;

namespace MealCheckout.Web.Theme;

/// <summary>
/// The restaurant's green and amber for every MudBlazor component. MudBlazor's default status colours
/// fail the contrast check (success 2.06:1 on white): each colour here reaches 4.5:1 against white text
/// and on a white page, so buttons, alerts and snackbars pass axe.
/// </summary>
public static class RestaurantTheme
{
    public const string Green = "#1b5e20";
    public const string GreenLight = "#e8f5e9";
    public const string Amber = "#7a4a00";
    public const string Text = "#1f1f1f";
    public const string Muted = "#545454";

    public static MudTheme Instance { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = Green,
            PrimaryDarken = "#144a18",
            PrimaryLighten = "#2e7d32",
            Secondary = Amber,
            Tertiary = "#0b57d0",
            Info = "#0b57d0",
            Success = Green,
            Warning = Amber,
            Error = "#b3261e",
            Dark = Text,
            TextPrimary = Text,
            TextSecondary = Muted,
            ActionDefault = Muted,
            Background = "#fafafa",
            Surface = "#ffffff",
            AppbarBackground = Green,
            AppbarText = "#ffffff",
            LinesDefault = "#d6d6d6",
            TableLines = "#e0e0e0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "12px" },
    };
}
