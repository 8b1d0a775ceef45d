using MealCheckout.Web.Components;

namespace MealCheckout.Web;

/// <summary>Wires the app's services and request pipeline; Program.cs stays two lines long.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddMealCheckout(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication UseMealCheckout(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
