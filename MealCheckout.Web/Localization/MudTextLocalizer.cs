using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MealCheckout.Web.Localization;

/// <summary>
/// Gives MudBlazor its texts from the app's resources, in the page's language. A key the resources
/// do not hold is reported as not found, so MudBlazor falls back to its English text.
/// </summary>
public sealed class MudTextLocalizer(IStringLocalizer<MudBlazorText> texts) : MudLocalizer
{
    public override LocalizedString this[string key] => texts[key];

    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}

public static class MudTextRegistration
{
    /// <summary>Registers the localizer; English reads the app's resources too, not MudBlazor's built-in English.</summary>
    public static IServiceCollection AddMudTexts(this IServiceCollection services)
    {
        services.AddTransient<MudLocalizer, MudTextLocalizer>();
        services.AddTransient<ILocalizationInterceptor>(provider => new DefaultLocalizationInterceptor(
            provider.GetRequiredService<ILoggerFactory>(), provider.GetRequiredService<MudLocalizer>())
        {
            IgnoreDefaultEnglish = true,
        });
        return services;
    }
}
