using Bunit;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Web.Components.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The refund confirmation on an order paid through the real checkout: the dialog states amount, payment
/// and who refunds; cancelling sends nothing, confirming refunds at the sandbox provider once.
/// </summary>
public sealed class RefundDialogTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    private AdyenLedger Adyen => app.Services.GetRequiredService<AdyenLedger>();

    [Theory]
    [InlineData("fr-FR", "5,50\u00a0€", "Remboursement effectué\u00a0: 5,50\u00a0€ rendus sur Visa •••• 1111.", "Remboursé", "Partiellement remboursée")]
    [InlineData("en", "€5.50", "Refund done: €5.50 returned to Visa •••• 1111.", "Refunded", "Partially refunded")]
    public async Task A_manager_reads_amount_payment_and_their_name_cancels_once_then_confirms(
        string culture, string amount, string done, string refundedLeg, string partlyRefunded)
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        await using var ctx = new StaffContext(app, culture, StaffSession.Manager, manager: true);
        var page = ctx.Render<OrderDetailPage>(parameters => parameters.Add(p => p.OrderNumber, order.Number));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=leg]").Count), Patience);

        CardLeg(page).QuerySelector("[data-testid=refund]")!.Click();
        ctx.Dialogs.WaitForAssertion(() => Assert.NotNull(ctx.Dialogs.Find("[data-testid=refund-dialog]")), Patience);
        Assert.Equal(amount, ctx.Dialogs.Find("[data-testid=refund-amount]").TextContent.Trim());
        Assert.Equal("Visa •••• 1111", ctx.Dialogs.Find("[data-testid=refund-leg]").TextContent.Trim());
        Assert.Equal(StaffSession.Manager, ctx.Dialogs.Find("[data-testid=refund-by]").TextContent.Trim());

        ctx.Dialogs.Find("[data-testid=cancel-refund]").Click();
        ctx.Dialogs.WaitForAssertion(() => Assert.Empty(ctx.Dialogs.FindAll("[data-testid=refund-dialog]")), Patience);
        Assert.Equal("captured", Adyen.FindPayment(card.ProviderReference!)!.Status);
        Assert.Empty(page.FindAll("[data-testid=refund-message]"));

        CardLeg(page).QuerySelector("[data-testid=refund]")!.Click();
        ctx.Dialogs.WaitForAssertion(() => Assert.NotNull(ctx.Dialogs.Find("[data-testid=confirm-refund]")), Patience);
        ctx.Dialogs.Find("[data-testid=confirm-refund]").Click();

        page.WaitForAssertion(() => Assert.Equal(done, page.Find("[data-testid=refund-message]").TextContent.Trim()), Patience);
        Assert.Equal(refundedLeg, CardLeg(page).QuerySelector("[data-testid=leg-state]")!.TextContent.Trim());
        Assert.Equal(partlyRefunded, page.Find("[data-testid=order-status]").TextContent.Trim());
        Assert.Null(CardLeg(page).QuerySelector("[data-testid=refund]"));
        Assert.Equal(("refunded", 550L), (Adyen.FindPayment(card.ProviderReference!)!.Status, Adyen.FindPayment(card.ProviderReference!)!.RefundedAmount));
    }

    [Theory]
    [InlineData("fr-FR", "Bimpli ne rembourse pas les titres-restaurant\u00a0: rendez le montant sur la carte bancaire de la commande ou enregistrez une compensation faite hors plateforme.",
        "Saisissez un montant en euros entre 0,01\u00a0€ et 5,50\u00a0€.", "5", "Remboursement effectué\u00a0: 5,00\u00a0€ rendus sur Visa •••• 1111.")]
    [InlineData("en", "Bimpli does not refund meal vouchers: give the amount back on the order’s bank card, or record a compensation made outside the platform.",
        "Enter an amount in euros between €0.01 and €5.50.", "5.00", "Refund done: €5.00 returned to Visa •••• 1111.")]
    public async Task Each_leg_offers_only_what_its_issuer_allows_and_a_CONECS_voucher_goes_back_on_the_card(
        string culture, string voucherNote, string amountError, string amount, string done)
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        await using var ctx = new StaffContext(app, culture, StaffSession.Manager, manager: true);
        var page = ctx.Render<OrderDetailPage>(parameters => parameters.Add(p => p.OrderNumber, order.Number));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=leg]").Count), Patience);

        var voucherLeg = page.FindAll("[data-testid=leg]").Single(leg => leg.TextContent.Contains("Bimpli", StringComparison.Ordinal));
        Assert.Null(voucherLeg.QuerySelector("[data-testid=refund]"));
        Assert.Equal(voucherNote, voucherLeg.QuerySelector("[data-testid=refund-unavailable]")!.TextContent.Trim());
        Assert.NotNull(voucherLeg.QuerySelector("[data-testid=compensate]"));
        Assert.NotNull(CardLeg(page).QuerySelector("[data-testid=refund]"));
        Assert.Null(CardLeg(page).QuerySelector("[data-testid=give-back-on-card]"));

        voucherLeg.QuerySelector("[data-testid=give-back-on-card]")!.Click();
        ctx.Dialogs.WaitForAssertion(() => Assert.NotNull(ctx.Dialogs.Find("[data-testid=refund-dialog]")), Patience);
        Assert.Equal("Visa •••• 1111", ctx.Dialogs.Find("[data-testid=refund-leg]").TextContent.Trim());
        Assert.StartsWith("Bimpli", ctx.Dialogs.Find("[data-testid=refund-for]").TextContent.Trim(), StringComparison.Ordinal);
        ctx.Dialogs.Find("[data-testid=refund-amount-input]").Change("6");
        ctx.Dialogs.Find("[data-testid=confirm-refund]").Click();
        ctx.Dialogs.WaitForAssertion(() => Assert.Contains(amountError, ctx.Dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal(0, Adyen.FindPayment(card.ProviderReference!)!.RefundedAmount);

        ctx.Dialogs.Find("[data-testid=refund-amount-input]").Change(amount);
        ctx.Dialogs.Find("[data-testid=confirm-refund]").Click();

        page.WaitForAssertion(() => Assert.Equal(done, page.Find("[data-testid=refund-message]").TextContent.Trim()), Patience);
        Assert.Equal(500, Adyen.FindPayment(card.ProviderReference!)!.RefundedAmount);
        Assert.Equal(0, Adyen.FindPayment(voucher.ProviderReference!)!.RefundedAmount);
        Assert.Contains(page.FindAll("[data-testid=timeline-entry]"), e => e.TextContent.Contains(StaffSession.Manager, StringComparison.Ordinal) && e.TextContent.Contains("Compensation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_staff_member_without_the_manager_role_has_no_refund_button()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        await using var ctx = new StaffContext(app, "fr-FR", StaffSession.ReadOnly, manager: false);
        var page = ctx.Render<OrderDetailPage>(parameters => parameters.Add(p => p.OrderNumber, order.Number));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=leg]").Count), Patience);
        Assert.Empty(page.FindAll("[data-testid=refund]"));
    }

    private static AngleSharp.Dom.IElement CardLeg(IRenderedComponent<OrderDetailPage> page) =>
        page.FindAll("[data-testid=leg]").Single(leg => leg.TextContent.Contains("•••• 1111", StringComparison.Ordinal));

    public void Dispose() => app.Dispose();
}
