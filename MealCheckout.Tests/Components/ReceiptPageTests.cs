using Bunit;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Receipts;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Pages.Receipt;
using MealCheckout.Web.Receipts;
using Microsoft.AspNetCore.Components;

namespace MealCheckout.Tests.Components;

/// <summary>The receipt's address opens the receipt only in the browser holding its key (orders on a real SQLite file).</summary>
public sealed class ReceiptPageTests
{
    private const string BrowserStore = "mealcheckout.receipts.v1";

    [Fact]
    public async Task The_browser_that_paid_reads_its_receipt_and_can_print_it()
    {
        await using var ctx = new DinerContext("fr-FR");
        await ctx.MigrateAndSeedAsync();
        var order = await PaidAsync(ctx);
        await BrowserHoldsAsync(ctx, (await ctx.Get<ReceiptKeys>().IssueAsync(order.Id))!);
        var print = ctx.JSInterop.SetupVoid("print");

        var page = ctx.Render<ReceiptPage>(p => p.Add(c => c.OrderNumber, order.Number));
        page.WaitForElement("[data-testid=receipt]");
        page.Find("[data-testid=print-receipt]").Click();

        Assert.Equal(order.Number, page.Find("[data-testid=order-number]").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=receipt-leg]").Count);
        Assert.Single(print.Invocations);
    }

    [Fact]
    public async Task Another_browser_with_the_same_address_reads_nothing()
    {
        await using var ctx = new DinerContext("en");
        await ctx.MigrateAndSeedAsync();
        var order = await PaidAsync(ctx);
        await ctx.Get<ReceiptKeys>().IssueAsync(order.Id); // the key went to the paying browser, not this one

        var page = ctx.Render<ReceiptPage>(p => p.Add(c => c.OrderNumber, order.Number));

        page.WaitForAssertion(() => Assert.StartsWith("This receipt opens only in the browser that paid", page.Find("[data-testid=receipt-status]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=receipt]"));
    }

    [Fact]
    public async Task The_circuit_that_paid_swaps_the_order_id_for_the_number_and_keeps_the_key_in_the_browser()
    {
        await using var ctx = new DinerContext("fr-FR");
        await ctx.MigrateAndSeedAsync();
        var attempt = ctx.Get<CheckoutAttempt>();
        var order = await PaidAsync(ctx, await attempt.CurrentAsync());
        await attempt.SettledAsync();

        ctx.Render<ReceiptHandoff>(p => p.Add(c => c.OrderId, order.Id));

        Assert.EndsWith($"/receipt/{order.Number}", ctx.Get<NavigationManager>().Uri, StringComparison.Ordinal);
        ctx.JSInterop.Setup<string>("localStorage.getItem", BrowserStore).SetResult(LastStored(ctx));
        var kept = await ctx.Get<BrowserReceiptKeys>().FindAsync(order.Number);
        Assert.NotNull(await ctx.Get<ReceiptQuery>().FindAsync(kept!));
    }

    [Fact]
    public async Task An_order_id_typed_or_shared_into_another_circuit_opens_nothing()
    {
        await using var ctx = new DinerContext("fr-FR");
        await ctx.MigrateAndSeedAsync();
        var order = await PaidAsync(ctx);

        var page = ctx.Render<ReceiptHandoff>(p => p.Add(c => c.OrderId, order.Id));

        page.WaitForAssertion(() => Assert.StartsWith("Ce reçu ne s’ouvre que dans le navigateur qui a payé", page.Find("[data-testid=receipt-status]").TextContent, StringComparison.Ordinal));
        Assert.Empty(ctx.JSInterop.Invocations["localStorage.setItem"]);
        Assert.Null((await ctx.Get<IOrderStore>().FindAsync(order.Id))!.ReceiptKeyHash);
    }

    private static async Task<Order> PaidAsync(DinerContext ctx, Guid? id = null)
    {
        var order = PaidOrders.SteakWineAndTip(id: id);
        await ctx.Get<IOrderStore>().AddAsync(order);
        return order;
    }

    // What the paying browser's protected local storage holds once the key was kept there.
    private static async Task BrowserHoldsAsync(DinerContext ctx, ReceiptKey key)
    {
        await ctx.Get<BrowserReceiptKeys>().RememberAsync(key);
        ctx.JSInterop.Setup<string>("localStorage.getItem", BrowserStore).SetResult(LastStored(ctx));
    }

    // bunit's JS interop keeps no storage: what the page wrote is read back from the call it made.
    private static string LastStored(DinerContext ctx) => (string)ctx.JSInterop.Invocations["localStorage.setItem"][^1].Arguments[1]!;
}
