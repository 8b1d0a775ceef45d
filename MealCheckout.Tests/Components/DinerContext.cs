using System.Globalization;
using Bunit;
using MealCheckout.Core;
using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Localization;
using MealCheckout.Web.Receipts;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MealCheckout.Tests.Components;

/// <summary>
/// A bunit context set up as the diner's pages run: the app's French and English resources under
/// the chosen culture, the tab's and the browser's protected storage over bunit's JS interop, and
/// the app's persistence on a SQLite file in a temp folder (created only once a test migrates it).
/// Create one per test with <c>await using</c>: the diner's services are async-disposable.
/// </summary>
public sealed class DinerContext : BunitContext
{
    private readonly TestDirectory directory = new();
    private readonly (CultureInfo Culture, CultureInfo UiCulture) previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    /// <param name="settings">Configuration beside the database's, such as the voucher rules.</param>
    public DinerContext(string culture, IReadOnlyDictionary<string, string?>? settings = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        // Storage reads answer "nothing stored" unless a test sets up what the browser holds.
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:MealCheckout"] = $"Data Source={directory.File("diner.db")}" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        Services.AddLogging();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddVoucherRules(configuration);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddMealCheckoutPersistence(configuration, directory.Path);
        Services.AddScoped<ProtectedSessionStorage>();
        Services.AddScoped<ProtectedLocalStorage>();
        Services.AddScoped<RestaurantContext>();
        Services.AddScoped<MenuPricing>();
        Services.AddScoped<CartStorage>();
        Services.AddScoped<CartState>();
        Services.AddScoped<CheckoutAttempt>();
        Services.AddScoped<BrowserReceiptKeys>();
        Services.AddScoped<ReceiptLink>();
        Services.AddMudServices();
        Services.AddMudTexts();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Creates the database with the demo restaurant, for components that read orders or the menu.</summary>
    public async Task MigrateAndSeedAsync()
    {
        await Get<DatabaseMigrator>().MigrateAsync();
        await Get<DemoDataSeeder>().SeedAsync();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        directory.Dispose();
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
    }
}
