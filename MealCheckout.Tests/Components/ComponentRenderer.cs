using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MealCheckout.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MealCheckout.Tests.Components;

/// <summary>
/// Renders a component to HTML with the framework's own <see cref="HtmlRenderer"/> and parses it
/// with AngleSharp, under a chosen culture, with the app's real localisation resources.
/// </summary>
public static class ComponentRenderer
{
    public static async Task<IDocument> RenderAsync<TComponent>(string culture, IDictionary<string, object?>? parameters = null)
        where TComponent : IComponent
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddLocalization(options => options.ResourcesPath = "Resources");
            services.AddOptions<DailyCapOptions>();
            await using var provider = services.BuildServiceProvider();
            await using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<TComponent>(
                    ParameterView.FromDictionary(parameters ?? new Dictionary<string, object?>()));
                return output.ToHtmlString();
            });
            return new HtmlParser().ParseDocument($"<html><body>{html}</body></html>");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
