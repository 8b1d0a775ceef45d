using Bunit;
using MealCheckout.Core.Orders;
using MealCheckout.Web.Checkout;
using Microsoft.AspNetCore.DataProtection;

namespace MealCheckout.Tests.Components;

/// <summary>The basket's encrypted copy in the tab's session storage, over bunit's JS interop standing in for the browser.</summary>
public sealed class CartStorageTests : IDisposable
{
    private static readonly CartState.StoredCart Cart = new([new CartState.StoredItem(Guid.Parse("7ea02ae5-41be-a625-aa83-96e729a35169"), 2)], Fulfilment.Delivery, 150);

    private readonly BunitContext browser = new();

    [Fact]
    public async Task A_basket_written_in_a_tab_reads_back_in_that_tab()
    {
        var storage = new CartStorage(browser.JSInterop.JSRuntime, new EphemeralDataProtectionProvider());
        browser.JSInterop.SetupVoid("mealCheckout.cart.write", _ => true).SetVoidResult();
        await storage.WriteAsync(Cart);
        var written = Assert.IsType<CartStorage.Entry>(Assert.Single(browser.JSInterop.VerifyInvoke("mealCheckout.cart.write").Arguments));
        Assert.DoesNotContain("7ea02ae5", written.Value, StringComparison.Ordinal);

        browser.JSInterop.Setup<string?>("mealCheckout.cart.read").SetResult(written.Value);
        var read = await storage.ReadAsync();

        Assert.NotNull(read);
        Assert.Equal(Cart.Items, read.Items);
        Assert.Equal((Fulfilment.Delivery, 150L), (read.Fulfilment, read.TipCents));
        Assert.Empty(browser.JSInterop.VerifyInvoke("mealCheckout.cart.read").Arguments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a protected value")]
    public async Task A_tab_with_no_basket_or_an_unreadable_one_starts_empty(string? stored)
    {
        browser.JSInterop.Setup<string?>("mealCheckout.cart.read").SetResult(stored);

        Assert.Null(await new CartStorage(browser.JSInterop.JSRuntime, new EphemeralDataProtectionProvider()).ReadAsync());
    }

    [Fact]
    public async Task A_basket_written_under_another_key_ring_reads_as_none()
    {
        browser.JSInterop.SetupVoid("mealCheckout.cart.write", _ => true).SetVoidResult();
        await new CartStorage(browser.JSInterop.JSRuntime, new EphemeralDataProtectionProvider()).WriteAsync(Cart);
        var written = (CartStorage.Entry)browser.JSInterop.VerifyInvoke("mealCheckout.cart.write").Arguments[0]!;
        browser.JSInterop.Setup<string?>("mealCheckout.cart.read").SetResult(written.Value);

        Assert.Null(await new CartStorage(browser.JSInterop.JSRuntime, new EphemeralDataProtectionProvider()).ReadAsync());
    }

    public void Dispose() => browser.Dispose();
}
