using MealCheckout.Core;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Tests.Unit.Staff;
using MealCheckout.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>A manager and a staff member at work in the browser, on orders paid through the real checkout.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffOperationsTests(BrowserFixture browser) : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task A_manager_opens_an_order_refunds_its_card_payment_and_downloads_the_settlement()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var page = await SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword, $"/staff/orders/{order.Number}");

        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Payée");
        await Assertions.Expect(page.GetByTestId("leg")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("split-reason")).ToContainTextAsync("Pourquoi");
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-manager");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var cardLeg = page.GetByTestId("leg").Filter(new() { HasText = "•••• 1111" });
        await cardLeg.GetByTestId("refund").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("refund-amount")).ToHaveTextAsync("5,50\u00a0€");
        await Assertions.Expect(dialog.GetByTestId("refund-by")).ToHaveTextAsync(StaffSession.Manager);
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-confirm-refund");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await dialog.GetByTestId("confirm-refund").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await Assertions.Expect(page.GetByTestId("refund-message")).ToContainTextAsync("Remboursement effectué");
        await Assertions.Expect(cardLeg.GetByTestId("leg-state")).ToHaveTextAsync("Remboursé");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("Partiellement remboursée");
        await Assertions.Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(7);
        await Assertions.Expect(cardLeg.GetByTestId("refund")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-refunded");
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        Assert.Equal(("refunded", 550L), (app.Services.GetRequiredService<AdyenLedger>().FindPayment(card.ProviderReference!)!.Status, app.Services.GetRequiredService<AdyenLedger>().FindPayment(card.ProviderReference!)!.RefundedAmount));

        await page.GotoInteractiveAsync("/staff/settlement");
        await Assertions.Expect(page.GetByTestId("settlement-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("settlement-net")).ToHaveTextAsync("18,50\u00a0€");
        await BrowserFixture.ScreenshotAsync(page, "staff-settlement-manager");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-day").ClickAsync());
        var file = Path.Combine(BrowserFixture.ArtifactsDirectory, "settlement-day.csv");
        await download.SaveAsAsync(file);
        var rows = SettlementCsvTests.Parse(await File.ReadAllBytesAsync(file));
        Assert.Equal("Jour", rows[0][0]);
        Assert.Equal(["Bimpli", "1", "18,50", "0", "0,00", "0,00", "0,00", "18,50"], rows[1][1..]);
        Assert.Equal(["Carte bancaire", "1", "5,50", "1", "5,50", "0,00", "0,00", "0,00"], rows[2][1..]);
    }

    [Fact]
    public async Task A_staff_member_sees_the_order_but_no_refund_button_nor_download_and_the_server_refuses_the_file()
    {
        var order = await CheckoutOrders.SplitAsync(app, CheckoutOrders.Pluxee);
        var page = await SignInAsync(StaffSession.ReadOnly, StaffSession.ReadOnlyPassword, $"/staff/orders/{order.Number}");

        await Assertions.Expect(page.GetByTestId("leg")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("leg-reference").First).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.GetByTestId("refund")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-read-only");

        await page.GotoInteractiveAsync("/staff/settlement");
        await Assertions.Expect(page.GetByTestId("settlement-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("export-day")).ToHaveCountAsync(0);
        var today = Core.Calendar.ParisCalendar.DayOf(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var response = await page.Context.APIRequest.GetAsync(SettlementExport.Url(today, today), new() { MaxRedirects = 0 });
        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task A_manager_cannot_refund_a_CONECS_voucher_and_gives_its_money_back_on_the_card_leg_instead()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var page = await SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword, $"/staff/orders/{order.Number}");

        var voucherLeg = page.GetByTestId("leg").Filter(new() { HasText = "Bimpli" });
        await Assertions.Expect(voucherLeg.GetByTestId("refund-unavailable")).ToContainTextAsync("Bimpli ne rembourse pas les titres-restaurant");
        await Assertions.Expect(voucherLeg.GetByTestId("refund")).ToHaveCountAsync(0);
        await voucherLeg.GetByTestId("give-back-on-card").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("refund-amount")).ToHaveTextAsync("5,50\u00a0€");
        await Assertions.Expect(dialog.GetByTestId("refund-leg")).ToHaveTextAsync("Visa •••• 1111");
        await Assertions.Expect(dialog.GetByTestId("refund-for")).ToContainTextAsync("Bimpli");
        await dialog.GetByTestId("refund-amount-input").FillAsync("5,50");
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-voucher-back-on-card");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await dialog.GetByTestId("confirm-refund").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await Assertions.Expect(page.GetByTestId("refund-message")).ToHaveTextAsync("Remboursement effectué\u00a0: 5,50\u00a0€ rendus sur Visa •••• 1111.");
        var cardLeg = page.GetByTestId("leg").Filter(new() { HasText = "•••• 1111" });
        await Assertions.Expect(cardLeg.GetByTestId("leg-state")).ToHaveTextAsync("Remboursé");
        await Assertions.Expect(voucherLeg.GetByTestId("give-back-on-card")).ToHaveCountAsync(0);
        await Assertions.Expect(voucherLeg.GetByTestId("compensate")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("timeline-entry").Filter(new() { HasText = "rendus sur la carte bancaire par " + StaffSession.Manager })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-voucher-given-back");
        var ledger = app.Services.GetRequiredService<AdyenLedger>();
        Assert.Equal(550, ledger.FindPayment(order.Legs.Single(l => l.Kind == LegKind.Card).ProviderReference!)!.RefundedAmount);
        Assert.Equal(("captured", 0L), (ledger.FindPayment(order.Legs.Single(l => l.Kind == LegKind.Voucher).ProviderReference!)!.Status, ledger.FindPayment(order.Legs.Single(l => l.Kind == LegKind.Voucher).ProviderReference!)!.RefundedAmount));

        await page.GotoInteractiveAsync("/staff/settlement");
        await Assertions.Expect(page.GetByTestId("settlement-net")).ToHaveTextAsync("18,50\u00a0€");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_manager_cancels_an_uncaptured_voucher_authorisation_and_the_issuer_releases_it()
    {
        // A Swile card with EUR 8 left: its issuer authorises part of the steak and the diner has not answered yet.
        var basket = Integration.Checkout.DinerBasket.Of(Integration.Checkout.DinerBasket.Steak);
        var voucher = new Core.Checkout.VoucherCard(VoucherIssuer.Swile, Integration.Checkout.DinerBasket.Card(Integration.Checkout.SwileCards.Balance8));
        var checkout = app.Services.GetRequiredService<Core.Checkout.DinerCheckout>();
        var preview = await checkout.PreviewAsync(new Core.Checkout.CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        var question = await checkout.PayAsync(new Core.Checkout.CheckoutPayRequest(Guid.NewGuid(), basket, voucher, preview.Split!,
            Integration.Checkout.DinerBasket.Card(CheckoutOrders.Visa), TestPayers.Fresh()), CancellationToken.None);
        Assert.Equal(Core.Checkout.CheckoutFailure.PartiallyAuthorised, question.Failure);
        var ledger = app.Services.GetRequiredService<AdyenLedger>();
        var held = Assert.Single(ledger.Payments);
        Assert.Equal(800, held.HeldAmount);
        var page = await SignInAsync(StaffSession.Manager, StaffSession.ManagerPassword, $"/staff/orders/{question.OrderNumber}");

        var voucherLeg = page.GetByTestId("leg").Filter(new() { HasText = "Swile" });
        await voucherLeg.GetByTestId("cancel-authorisation").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("refund-amount")).ToHaveTextAsync("8,00\u00a0€");
        await Assertions.Expect(dialog.GetByTestId("refund-by")).ToHaveTextAsync(StaffSession.Manager);
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-confirm-cancel");
        await dialog.GetByTestId("confirm-refund").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await Assertions.Expect(page.GetByTestId("refund-message")).ToContainTextAsync("Autorisation annulée");
        await Assertions.Expect(voucherLeg.GetByTestId("leg-state")).ToHaveTextAsync("Annulé");
        await Assertions.Expect(voucherLeg.GetByTestId("cancel-authorisation")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "staff-detail-cancelled");
        Assert.Equal((0L, 0L), (ledger.FindPayment(held.PspReference)!.HeldAmount, ledger.FindPayment(held.PspReference)!.CapturedAmount));
        Assert.DoesNotContain(ledger.Payments, p => p.CardNumber == CheckoutOrders.Visa);
    }

    private async Task<IPage> SignInAsync(string userName, string password, string returnUrl)
    {
        var page = await browser.NewPhonePageAsync(app.RootUri);
        await page.GotoAsync("/staff/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByTestId("login-user").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync("**" + returnUrl);
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        return page;
    }

    public void Dispose() => app.Dispose();
}
