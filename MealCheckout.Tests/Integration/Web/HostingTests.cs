using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Security;

namespace MealCheckout.Tests.Integration.Web;

public sealed class HostingTests
{
    [Fact]
    public async Task Production_refuses_to_start_with_one_plain_line_per_missing_or_unsafe_setting()
    {
        using var data = new TestDirectory();

        var exit = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__MealCheckout"] = $"Data Source={data.File("mealcheckout.db")}",
            ["Sandbox__Enabled"] = "true",
            ["Chaos__Enabled"] = "true",
            ["Payments__Adyen__ApiKey"] = "dev-only-adyen-api-key",
            ["Payments__Adyen__BaseAddress"] = "http://adyen.example/checkout/v71/",
        }, TimeSpan.FromMinutes(2));

        var expected = new[]
        {
            "Sandbox:Enabled is true: the sandbox providers must never run in Production.",
            "Chaos:Enabled is true: the chaos run's checkout endpoint must never run in Production.",
            "Payments:Adyen:ApiKey still holds its development default.",
            "Payments:Adyen:BaseAddress must be an absolute https:// address of the provider.",
        }.Concat(ProductionSafety.RequiredKeys.Concat(ProductionSafety.SecretKeys)
            .Where(key => key is not "Payments:Adyen:ApiKey" and not "Payments:Adyen:BaseAddress")
            .Select(key => $"{key} is not set."));
        Assert.Equal(1, exit.Code);
        Assert.Equal(expected.Select(problem => "MealCheckout refuses to start (Production): " + problem).Order(), exit.ErrorLines.Order());
        Assert.Contains("MealCheckout refuses to start (Production): Payments:Edenred:ClientId is not set.", exit.ErrorLines);
        Assert.DoesNotContain("Exception", exit.Output + exit.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(data.File("mealcheckout.db"))); // refused before anything else ran
    }

    [Fact]
    public async Task A_proxy_setting_that_is_not_an_address_stops_the_start_in_any_environment()
    {
        using var data = new TestDirectory();

        var exit = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__MealCheckout"] = $"Data Source={data.File("mealcheckout.db")}",
            ["ForwardedHeaders__KnownProxies"] = "10.0.0.1, proxy.internal",
        }, TimeSpan.FromMinutes(2));

        Assert.Equal(1, exit.Code);
        Assert.Equal(["MealCheckout refuses to start (Development): ForwardedHeaders:KnownProxies holds \"proxy.internal\", which is not an IP address."], exit.ErrorLines);
    }

    [Fact]
    public void A_voucher_cap_of_zero_stops_the_app_at_start()
    {
        using var app = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["Vouchers:ConecsDailyCapCents"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.RootUri);

        Assert.Contains("ConecsDailyCapCents", error.ToString());
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var app = new MealCheckoutAppFactory();

        var response = await app.CreateLoopbackClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-src 'self'; connect-src 'self'; " +
            "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/checkout", "/checkout")]
    public async Task Language_switch_only_returns_to_pages_of_this_site(string returnUrl, string expectedLocation)
    {
        using var app = new MealCheckoutAppFactory();
        using var client = app.CreateLoopbackClient(followRedirects: false);

        var response = await client.GetAsync($"/culture/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedLocation, response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("c%3Den", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sandbox_endpoints_do_not_exist_when_the_sandbox_is_off()
    {
        using var app = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["Sandbox:Enabled"] = "false" });

        var response = await app.CreateLoopbackClient().GetAsync("/sandbox/control/state");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
