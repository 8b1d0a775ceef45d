using MealCheckout.Core.Persistence;
using MealCheckout.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace MealCheckout.Web.Staff;

/// <summary>Staff accounts: Identity on the app's database, the staff cookie, roles and policies, sign-out.</summary>
public static class StaffAccounts
{
    public const string LoginPath = "/staff/login";
    public const string LogoutPath = "/staff/logout";
    public const string CookieName = "MealCheckout.Staff";

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddDbContext<StaffIdentityDbContext>(options => options.UseMealCheckoutDatabase(configuration, contentRoot));
        services.AddOptions<StaffAccountOptions>().Bind(configuration.GetSection(StaffAccountOptions.SectionName));

        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.Password.RequiredLength = 12;
                // An account is locked only on purpose (LockoutEnd); failed passwords are throttled per client instead.
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StaffIdentityDbContext>()
            .AddSignInManager();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
            options.LoginPath = LoginPath;
            options.Events.OnRedirectToAccessDenied = async context =>
            {
                // Signed in but not allowed: say so plainly instead of bouncing to the login page.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                var text = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<StaffText>>();
                await context.Response.WriteAsync(text["AccessDenied"], context.HttpContext.RequestAborted);
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.ReadOrders, policy => policy.RequireRole(StaffRoles.Staff, StaffRoles.Manager))
            .AddPolicy(StaffPolicies.ManageOrders, policy => policy.RequireRole(StaffRoles.Manager));

        services.AddScoped<StaffSignIn>();
        services.AddSingleton<StaffSignInThrottle>();
        services.AddHostedService<StaffAccountSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapStaffAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (HttpContext http, StaffSignIn signIn) =>
            {
                // A cross-site form must not be able to sign staff out.
                if (!await FormPosts.IsGenuineAsync(http))
                {
                    return Results.BadRequest();
                }
                await signIn.SignOutAsync();
                return Results.LocalRedirect(LoginPath);
            })
            .RequireAuthorization(StaffPolicies.ReadOrders)
            .DisableAntiforgery();
        return endpoints;
    }

    /// <summary>Where to go after signing in: only a staff page of this site, never an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(LoginPath, StringComparison.Ordinal)
            ? "/staff/orders"
            : ReturnUrls.LocalUnderOr(returnUrl, "/staff/", "/staff/orders");
}
