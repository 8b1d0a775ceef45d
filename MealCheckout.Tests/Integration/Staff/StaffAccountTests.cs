using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Security;
using MealCheckout.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MealCheckout.Tests.Integration.Staff;

public sealed class StaffAccountTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task Manager_signs_in_reaches_the_orders_then_signs_out_and_is_sent_back_to_the_login()
    {
        using var session = StaffSession.Anonymous(app);

        var signIn = await session.SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword, "/staff/login?ReturnUrl=%2Fstaff%2Forders");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/staff/orders", StaffSession.RedirectTarget(signIn));
        var orders = await session.Client.GetAsync("/staff/orders");
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Contains(StaffSession.Manager, await orders.Content.ReadAsStringAsync());

        var signOut = await session.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await session.Client.GetAsync("/staff/orders");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/staff/login", StaffSession.RedirectTarget(after));
    }

    [Fact]
    public async Task Unknown_account_wrong_password_and_locked_account_get_the_same_answer()
    {
        using var session = StaffSession.Anonymous(app);

        var unknown = await RefusalMessage(await session.SignInAsync("nobody@mealcheckout.test", "whatever-password-1"));
        for (var attempt = 0; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            Assert.Equal(unknown, await RefusalMessage(await session.SignInAsync(StaffSession.ReadOnly, "wrong-password-" + attempt)));
        }

        // Locked out now: even the right password is refused, in the same words.
        var locked = await session.SignInAsync(StaffSession.ReadOnly, StaffSession.ReadOnlyPassword);
        Assert.Equal(unknown, await RefusalMessage(locked));
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/staff/orders")).StatusCode);
        Assert.Contains("refusée", unknown);

        // The other account is not affected.
        using var manager = await StaffSession.SignedInAsync(app, StaffSession.Manager, StaffSession.ManagerPassword);
    }

    [Fact]
    public async Task Guessing_from_one_address_never_locks_the_account_for_another_address()
    {
        using var proxied = new MealCheckoutAppFactory(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
            ["RateLimits:LoginPerMinute"] = "100",
        });
        using var guesser = StaffSession.ForwardedFor(proxied, "203.0.113.7");
        using var manager = StaffSession.ForwardedFor(proxied, "198.51.100.20");

        var refusals = new List<string>();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            refusals.Add(await RefusalMessage(await guesser.SignInAsync(StaffSession.Manager, "wrong-password-" + attempt)));
        }

        var fromElsewhere = await manager.SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.Client.GetAsync("/staff/orders")).StatusCode);
        // The guessing address is refused even with the right password, in the same words as any refusal.
        var fromGuesser = await RefusalMessage(await guesser.SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword));
        Assert.Equal(refusals[0], fromGuesser);
        Assert.Single(refusals.Distinct());
        await using var scope = proxied.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var account = (await users.FindByNameAsync(StaffSession.Manager))!;
        Assert.False(await users.IsLockedOutAsync(account));
        Assert.Equal(0, await users.GetAccessFailedCountAsync(account));
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_the_staff_area()
    {
        using var session = StaffSession.Anonymous(app);

        var response = await session.SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword, "/staff/login?ReturnUrl=%2F%2Fevil.example%2Fstaff%2F");

        Assert.Equal("/staff/orders", StaffSession.RedirectTarget(response));
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited_but_the_form_is_not()
    {
        using var limited = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["RateLimits:LoginPerMinute"] = "3" });
        using var session = StaffSession.Anonymous(limited);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            statuses.Add((await session.SignInAsync("nobody@mealcheckout.test", "wrong-password")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void Production_refuses_the_development_staff_passwords()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Staff:SeedPassword"] = "dev-only-Manager-2026",
            ["Staff:SeedReadOnlyPassword"] = "dev-only-Staff-2026",
        }).Build();

        var problems = ProductionSafety.Problems(configuration);

        Assert.Contains("Staff:SeedPassword still holds its development default.", problems);
        Assert.Contains("Staff:SeedReadOnlyPassword still holds its development default.", problems);
        Assert.DoesNotContain(problems, p => p.StartsWith("Staff:SeedReadOnlyPassword is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_staff_page_loses_its_session_once_the_account_is_locked_or_its_password_changes()
    {
        _ = app.RootUri;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var identity = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        var user = await users.FindByNameAsync(StaffSession.ReadOnly) ?? throw new InvalidOperationException("seed account missing");
        var session = await principals.CreateAsync(user);
        Assert.True(await StaffAuthenticationStateProvider.IsStillValidAsync(users, session, identity));

        await users.UpdateSecurityStampAsync(user);
        Assert.False(await StaffAuthenticationStateProvider.IsStillValidAsync(users, session, identity));

        var fresh = await principals.CreateAsync(user);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.False(await StaffAuthenticationStateProvider.IsStillValidAsync(users, fresh, identity));
    }

    private static async Task<string> RefusalMessage(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        return document.QuerySelector("[data-testid=login-error]")?.TextContent.Trim() ?? throw new InvalidOperationException("no refusal shown");
    }

    public void Dispose() => app.Dispose();
}
