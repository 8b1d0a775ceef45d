using Bunit;
using MealCheckout.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace MealCheckout.Tests.Components;

public sealed class LanguageSwitchTests
{
    [Fact]
    public async Task A_French_page_offers_English_and_comes_back_to_the_page_the_diner_is_on()
    {
        await using var ctx = new DinerContext("fr-FR");
        var navigation = ctx.Get<NavigationManager>();
        var language = ctx.Render<LanguageSwitch>();
        Assert.Equal("English", language.Find("a").TextContent);
        Assert.Equal("/culture/en?returnUrl=%2F", language.Find("a").GetAttribute("href"));

        navigation.NavigateTo("/checkout");

        language.WaitForAssertion(() => Assert.Equal("/culture/en?returnUrl=%2Fcheckout", language.Find("a").GetAttribute("href")));
        Assert.Equal("en", language.Find("a").GetAttribute("lang"));
    }

    [Fact]
    public async Task An_English_page_offers_French()
    {
        await using var ctx = new DinerContext("en");
        ctx.Get<NavigationManager>().NavigateTo("/receipt/MC-261201-7KQ4XZ");

        var language = ctx.Render<LanguageSwitch>();

        Assert.Equal("Français", language.Find("a").TextContent);
        Assert.Equal("/culture/fr-FR?returnUrl=%2Freceipt%2FMC-261201-7KQ4XZ", language.Find("a").GetAttribute("href"));
        Assert.Equal("fr", language.Find("a").GetAttribute("lang"));
    }
}
