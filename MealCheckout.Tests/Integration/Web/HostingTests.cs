using System.Net;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Web;

public sealed class HostingTests
{
    [Fact]
    public void Production_refuses_to_start_with_the_sandbox_or_development_secrets()
    {
        using var app = new MealCheckoutAppFactory(new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "true",
            ["Chaos:Enabled"] = "true",
            ["Payments:Adyen:ApiKey"] = "dev-only-adyen-api-key",
        }, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => app.RootUri);

        var message = error.ToString();
        Assert.Contains("Sandbox:Enabled", message);
        Assert.Contains("Chaos:Enabled", message);
        Assert.Contains("Payments:Adyen:ApiKey still holds its development default", message);
        Assert.Contains("Staff:SeedPassword is not set", message);
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
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
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
