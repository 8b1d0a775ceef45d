using MealCheckout.Web.Security;

namespace MealCheckout.Tests.Unit.Security;

public sealed class ReturnUrlsTests
{
    public static TheoryData<string?> HostileAddresses => new()
    {
        null, "", "checkout", "http://evil.example", "https://evil.example/checkout", "//evil.example",
        "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/%09/evil.example", "/%2F/evil.example",
        "/%2f%2fevil.example", "/%5Cevil.example", "/\r\nLocation: http://evil.example", "/%0d%0aSet-Cookie:x=1",
        "/\u3000/evil.example", "/%E3%80%80/evil.example", "/ /evil.example", "/checkout\u0000", "/%00",
        "/checkout//evil.example", "/javascript:alert(1)", "/é", "/x\u007f", "/%", "/" + new string('a', 3000),
    };

    [Theory]
    [MemberData(nameof(HostileAddresses))]
    public void Hostile_return_addresses_fall_back_to_the_given_page(string? candidate) =>
        Assert.Equal("/checkout", ReturnUrls.LocalOr(candidate, "/checkout"));

    [Theory]
    [InlineData("/")]
    [InlineData("/checkout")]
    [InlineData("/menu?item=3")]
    [InlineData("/checkout?next=https://x")]
    [InlineData("/staff/orders/MC-2026-000123")]
    public void Plain_paths_of_this_site_are_kept(string candidate) =>
        Assert.Equal(candidate, ReturnUrls.LocalOr(candidate, "/fallback"));

    [Fact]
    public void A_prefix_restricts_where_the_address_may_lead() =>
        Assert.Equal("/staff/orders", ReturnUrls.LocalUnderOr("/checkout", "/staff/", "/staff/orders"));
}
