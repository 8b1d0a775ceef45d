using Bunit;
using MealCheckout.Core.Restaurants;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Web.Components.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The restaurant settings form as a manager fills it, in French and English: a SIRET whose key
/// does not hold, an accepted issuer without its merchant ID, then a save that lands in the history.
/// </summary>
public sealed class RestaurantSettingsFormTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly MealCheckoutAppFactory app = new();

    [Theory]
    [InlineData("fr-FR", "sa clé de contrôle ne correspond pas", "Saisissez l’identifiant commerçant que Bimpli vous a donné", "Rien n’a été enregistré")]
    [InlineData("en", "its check digit does not match", "Enter the merchant ID Bimpli gave you", "Nothing was saved")]
    public async Task Wrong_SIRET_and_missing_merchant_ID_are_explained_and_nothing_is_saved(string culture, string siretMessage, string merchantMessage, string status)
    {
        await using var ctx = new StaffContext(app, culture, StaffSession.Manager, manager: true);
        var page = ctx.Render<RestaurantSettingsPage>();
        page.WaitForElement("[data-testid=settings-form]", Patience);

        page.Find("[data-testid=settings-siret]").Change("90243125300002");
        page.Find("[data-testid=settings-issuer-bimpli] [data-testid=settings-merchant-id]").Change("");
        await page.Find("[data-testid=settings-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains(siretMessage, page.Markup), Patience);
        Assert.Contains(merchantMessage, page.Find("[data-testid=settings-issuer-bimpli]").TextContent);
        Assert.Contains(status, page.Find("[data-testid=settings-status]").TextContent);
        Assert.Empty(await Store.HistoryAsync(Core.Menu.DemoRestaurant.Restaurant.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_saved_change_shows_in_the_history_with_who_and_old_and_new_values()
    {
        await using var ctx = new StaffContext(app, "en", StaffSession.Manager, manager: true);
        var page = ctx.Render<RestaurantSettingsPage>();
        page.WaitForElement("[data-testid=settings-form]", Patience);

        page.Find("[data-testid=settings-siret]").Change("902 431 253 00001");
        await page.Find("[data-testid=settings-form]").SubmitAsync();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=settings-change]")), Patience);
        var change = page.Find("[data-testid=settings-change]").TextContent;
        Assert.Contains(StaffSession.Manager, change);
        Assert.Contains($"{Core.Menu.DemoRestaurant.Restaurant.Siret} → 90243125300001", change);
        Assert.Contains("Settings saved (1 change(s)).", page.Find("[data-testid=settings-status]").TextContent);
    }

    private RestaurantSettingsStore Store => app.Services.GetRequiredService<RestaurantSettingsStore>();

    public void Dispose() => app.Dispose();
}
