using System.Globalization;
using Bunit;
using MealCheckout.Core.Staff.Detail;
using MealCheckout.Core.Staff.History;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Localization;
using MealCheckout.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace MealCheckout.Tests.Components;

/// <summary>
/// A bunit context set up as the staff pages run: the app's French or English resources, MudBlazor with
/// its popover and dialog providers rendered, and the running app's own history, detail and refund
/// services (real SQLite file, real sandbox). The staff member is signed in as <paramref name="userName"/>,
/// a manager or not. Create one per test with <c>await using</c>: MudBlazor's services are async-disposable.
/// </summary>
public sealed class StaffContext : BunitContext
{
    private readonly (CultureInfo Culture, CultureInfo UiCulture) previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    /// <param name="history">Reads the history through this reader instead of the app's, e.g. one that holds some reads.</param>
    public StaffContext(MealCheckoutAppFactory app, string culture, string userName, bool manager, OrderHistoryReader? history = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose; // MudBlazor's popovers and dialogs call into the page
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddMudServices();
        Services.AddMudTexts();
        Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        Services.AddSingleton(app.Services.GetRequiredService<Core.VoucherRuleBook>());
        Services.AddTransient(_ => new OrderHistoryBrowser(history ?? app.Services.GetRequiredService<OrderHistoryReader>()));
        Services.AddTransient(_ => app.Services.GetRequiredService<OrderDetailQuery>());
        Services.AddTransient(_ => app.Services.GetRequiredService<LegRefunds>());
        Services.AddScoped<ManagerRefunds>();
        Services.AddTransient(_ => app.Services.GetRequiredService<Core.Restaurants.RestaurantSettingsStore>());
        Services.AddScoped(_ => new Web.Checkout.RestaurantContext(app.Services.GetRequiredService<Core.Menu.SharedMenu>()));
        var authorization = this.AddAuthorization();
        authorization.SetAuthorized(userName);
        authorization.SetPolicies(manager ? [StaffPolicies.ReadOrders, StaffPolicies.ManageOrders] : [StaffPolicies.ReadOrders]);
        Popovers = Render<MudPopoverProvider>();
        Dialogs = Render<MudDialogProvider>();
    }

    /// <summary>Where open selects and menus draw their options.</summary>
    public IRenderedComponent<MudPopoverProvider> Popovers { get; }

    /// <summary>Where an open dialog is drawn.</summary>
    public IRenderedComponent<MudDialogProvider> Dialogs { get; }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
    }
}
