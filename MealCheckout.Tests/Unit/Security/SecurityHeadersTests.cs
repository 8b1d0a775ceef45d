using MealCheckout.Web.Security;
using Microsoft.Extensions.Configuration;

namespace MealCheckout.Tests.Unit.Security;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void Connections_go_to_this_site_only_and_forms_also_to_an_edenred_sso_on_another_origin()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Payments:Edenred:Authority"] = "https://sso.edenred.example/connect/",
        }).Build();

        var policy = SecurityHeaders.ContentSecurityPolicy(configuration);

        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("ws:", policy, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' https://sso.edenred.example;", policy, StringComparison.Ordinal);
    }
}
