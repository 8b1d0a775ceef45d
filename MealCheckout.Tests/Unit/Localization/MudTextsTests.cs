using System.Globalization;
using MealCheckout.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace MealCheckout.Tests.Unit.Localization;

public sealed class MudTextsTests
{
    [Theory]
    [InlineData("fr-FR", "MudDataGridPager_NextPage", "Page suivante")]
    [InlineData("fr-FR", "MudDataGridPager_RowsPerPage", "Lignes par page\u00a0:")]
    [InlineData("fr-FR", "MudDialog_Close", "Fermer")]
    [InlineData("en", "MudDataGridPager_NextPage", "Next page")]
    [InlineData("en", "MudDataGridPager_RowsPerPage", "Rows per page:")]
    public void MudBlazor_reads_its_texts_from_the_apps_resources_in_the_pages_language(string culture, string key, string expected)
    {
        var text = InCulture(culture, interceptor => interceptor.Handle(key));

        Assert.Equal(expected, text.Value);
        Assert.False(text.ResourceNotFound);
    }

    [Fact]
    public void The_pager_counts_rows_in_French_with_the_apps_wording()
    {
        var text = InCulture("fr-FR", interceptor => interceptor.Handle("MudDataGridPager_InfoFormat", 1, 25, 237));

        Assert.Equal("1–25 sur 237", text.Value);
    }

    [Fact]
    public void Every_French_text_has_its_English_one_so_no_English_page_shows_French()
    {
        var french = Keys(""); // the neutral resources are the French ones
        var english = Keys("en");

        Assert.NotEmpty(french);
        Assert.Empty(french.Except(english));
    }

    private static IReadOnlySet<string> Keys(string culture) => InCulture(culture, services =>
        services.GetRequiredService<IStringLocalizer<MudBlazorText>>().GetAllStrings(includeParentCultures: false).Select(s => s.Name).ToHashSet());

    private static T InCulture<T>(string culture, Func<ILocalizationInterceptor, T> read) =>
        InCulture(culture, services => read(services.GetRequiredService<ILocalizationInterceptor>()));

    private static T InCulture<T>(string culture, Func<IServiceProvider, T> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var services = new ServiceCollection()
                .AddLogging()
                .AddLocalization(options => options.ResourcesPath = "Resources")
                .AddMudServices()
                .AddMudTexts()
                .BuildServiceProvider();
            return read(services);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
