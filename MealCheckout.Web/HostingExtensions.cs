using MealCheckout.Core;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.History;
using MealCheckout.Sandbox;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Edenred;
using MealCheckout.Web.Errors;
using MealCheckout.Web.Components;
using MealCheckout.Web.Localization;
using MealCheckout.Web.Receipts;
using MealCheckout.Web.Security;
using MealCheckout.Web.Staff;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace MealCheckout.Web;

/// <summary>Wires the app's services and request pipeline; Program.cs stays a few lines long.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddMealCheckout(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddMudTexts();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.TryAddSingleton(TimeProvider.System);

        services.AddVoucherRules(configuration);
        services.AddMealCheckoutPersistence(configuration, builder.Environment.ContentRootPath);
        services.AddHostedService<DatabaseStartup>();
        services.AddStaffAccounts(configuration, builder.Environment.ContentRootPath);
        services.AddSingleton<OrderHistoryReader>();
        services.AddTransient<OrderHistoryBrowser>();

        if (configuration.GetValue("Sandbox:Enabled", false))
        {
            services.AddMealCheckoutSandbox(configuration);
        }

        services.AddSingleton<IProviderAddressResolver, ServerAddressResolver>();
        services.AddMealCheckoutPayments(configuration);
        services.AddMealCheckoutKeyRing(configuration, builder.Environment.ContentRootPath);
        services.AddEdenredLogin();
        services.AddStaffOperations(configuration);

        services.AddScoped<RestaurantContext>();
        services.AddScoped<MenuPricing>();
        services.AddScoped<CartStorage>();
        services.AddScoped<CartState>();
        services.AddScoped<EdenredBrowser>();
        services.AddScoped<EdenredLoginState>();
        services.AddScoped<CheckoutAttempt>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitPayer>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<CircuitPayer>());
        services.AddScoped<BrowserReceiptKeys>();
        services.AddScoped<ReceiptLink>();

        services.AddMealCheckoutRateLimits(configuration);
        services.AddMalformedRequestRefusals();
        services.AddTrustedProxies(configuration);
        // Every cookie the app sets over HTTPS is Secure, whoever sets it (antiforgery, culture, staff, Edenred).
        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    public static WebApplication UseMealCheckout(this WebApplication app)
    {
        app.UseTrustedProxies(app.Configuration);
        app.UseMalformedRequestRefusals();
        app.UseCookiePolicy();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ErrorPages.ServerErrorPath, createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseErrorPages();
        app.UseSecurityHeaders(app.Configuration);
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(SupportedCultures.French);
            options.AddSupportedCultures(SupportedCultures.All);
            options.AddSupportedUICultures(SupportedCultures.All);
            // French unless the diner chose otherwise: the browser's language does not decide.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        app.UseRateLimiter();
        app.UseAuthentication(); // staff cookies, and the Edenred login's callback (/signin-edenred)
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapErrorPages();
        app.MapCultureSwitch();
        app.MapPaymentWebhooks();
        app.MapStaffAccounts();
        app.MapStaffOperations();
        app.MapEdenredLogin();
        if (app.Configuration.GetValue("Sandbox:Enabled", false))
        {
            app.MapMealCheckoutSandbox();
        }
        if (app.Configuration.GetValue("Chaos:Enabled", false))
        {
            app.MapChaosDriving(); // docs/reliability.md
        }
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
