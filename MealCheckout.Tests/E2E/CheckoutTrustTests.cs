using MealCheckout.Core.Checkout;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// The checkout's trust scenarios in a real Chromium: whatever happens, the diner sees exactly what
/// will be charged before it is, ends on a receipt or a clear next step, and the sandbox's ledgers
/// hold nothing and were charged nothing twice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CheckoutTrustTests(BrowserFixture browser) : IDisposable
{
    private const string Nbsp = "\u00a0";

    private MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        ["Payments:Adyen:TimeoutSeconds"] = "3",
        // Passes run only when a test says so, and then every open order counts as abandoned.
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
        ["Reconciler:UnknownGiveUpAfterSeconds"] = "0",
    }, weekdayClock: true);

    private AdyenLedger Adyen => app.Services.GetRequiredService<AdyenLedger>();

    [Fact]
    public async Task A_voucher_card_edited_after_the_balance_check_is_checked_again_and_charged_as_shown()
    {
        var checkout = await SteakAndWineAsync();
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", TestCards.Bimpli50);
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.PayButton).ToHaveTextAsync($"Payer 18,50{Nbsp}€ Bimpli + 5,50{Nbsp}€ carte");

        await CheckoutPage.TypeAsync(checkout.CardField("voucher-card", "number"), TestCards.Bimpli8);

        await Assertions.Expect(checkout.PayButton).ToHaveCountAsync(0);
        await Assertions.Expect(checkout.Page.GetByTestId("split-summary")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-1-edited-voucher-clears-split");
        await checkout.CheckBalanceAsync();
        await Assertions.Expect(checkout.PayButton).ToHaveTextAsync($"Payer 8,00{Nbsp}€ Bimpli + 16,00{Nbsp}€ carte");
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        Assert.Equal(800, Charged(TestCards.Bimpli8));
        Assert.Equal(1600, Charged(TestCards.Visa));
        Assert.Equal(0, Charged(TestCards.Bimpli50));
    }

    [Fact]
    public async Task A_partial_authorisation_is_asked_before_the_card_pays_the_difference()
    {
        var checkout = await SteakAndWineAsync();
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", TestCards.BimpliPartial);
        await checkout.CheckBalanceAsync();
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        await checkout.PayAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("split-notice")).ToContainTextAsync($"Bimpli n’a autorisé que 10,00{Nbsp}€");
        await Assertions.Expect(checkout.PayButton).ToHaveTextAsync($"Payer 10,00{Nbsp}€ Bimpli + 14,00{Nbsp}€ carte");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-2-partial-authorisation-question");
        Assert.Equal(0, Charged(TestCards.Visa));

        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        Assert.Equal(1000, Adyen.Payments.Single(p => p.CardNumber == TestCards.BimpliPartial).CapturedAmount);
        Assert.Equal(1400, Charged(TestCards.Visa));
    }

    [Fact]
    public async Task A_provider_error_on_the_voucher_payment_is_explained_and_the_diner_pays_by_card_instead()
    {
        var checkout = await SteakAndWineAsync();
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", TestCards.Bimpli50);
        await checkout.CheckBalanceAsync();
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        app.Services.GetRequiredService<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Status, Match: "0010", Value: 422, PathEndsWith: "/payments"));

        await checkout.PayAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToContainTextAsync("payez tout par carte bancaire");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-3-voucher-error");
        Assert.All(Adyen.Payments, p => Assert.Equal(0, p.HeldAmount));
        await checkout.ChooseBrandAsync("card-only");
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        await Assertions.Expect(checkout.PayButton).ToHaveTextAsync($"Payer 24,00{Nbsp}€ par carte");
        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        Assert.Equal(2400, Charged(TestCards.Visa));
        Assert.Equal(0, Charged(TestCards.Bimpli50));
    }

    [Fact]
    public async Task A_refused_bank_card_keeps_the_split_and_asks_only_for_another_number()
    {
        var checkout = await SteakAndWineAsync();
        await checkout.ChooseBrandAsync("pluxee");
        await checkout.FillCardAsync("voucher-card", TestCards.Pluxee50);
        await checkout.CheckBalanceAsync();
        await checkout.FillCardAsync("bank-card", TestCards.VisaRefused);

        await checkout.PayAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToContainTextAsync("carte bancaire a été refusée");
        // Focus is in the number's frame, on its input (the frame's own document says which element has it).
        await Assertions.Expect(checkout.Page.Locator("[data-testid=bank-card-number] iframe")).ToBeFocusedAsync();
        Assert.Equal("field", await checkout.CardField("bank-card", "number").EvaluateAsync<string>("input => input.ownerDocument.activeElement.id"));
        await Assertions.Expect(checkout.CardField("bank-card", "number")).ToHaveValueAsync("");
        await Assertions.Expect(checkout.CardField("bank-card", "expiry")).ToHaveValueAsync("12/30");
        await Assertions.Expect(checkout.Page.GetByTestId("split-voucher")).ToHaveTextAsync($"18,50{Nbsp}€");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-4-refused-card-keeps-split");
        await CheckoutPage.TypeAsync(checkout.CardField("bank-card", "number"), TestCards.Visa);
        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        Assert.Equal(1850, Charged(TestCards.Pluxee50));
        Assert.Equal(550, Charged(TestCards.Visa));
        Assert.All(Adyen.Payments, p => Assert.Equal(0, p.HeldAmount));
    }

    [Fact]
    public async Task A_reload_during_payment_waits_for_the_real_outcome_with_the_order_number()
    {
        var checkout = await SteakAndWineAsync();
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", TestCards.Bimpli50);
        await checkout.CheckBalanceAsync();
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        var faults = app.Services.GetRequiredService<SandboxFaults>();
        faults.Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "1111", Times: 20, PathEndsWith: "/payments")); // the card's answer never comes
        await checkout.PayAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("payment-waiting")).ToBeVisibleAsync();

        await checkout.ReloadAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("payment-waiting")).ToBeVisibleAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("order-number")).ToContainTextAsync("Numéro de commande");
        await Assertions.Expect(checkout.Page.GetByTestId("split-summary")).ToHaveCountAsync(0);
        await Assertions.Expect(checkout.PayButton).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-5-reload-waiting");
        faults.Clear();
        await app.Services.GetRequiredService<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToContainTextAsync("Rien n’a été débité");
        await Assertions.Expect(checkout.Page.GetByTestId("order-number")).ToContainTextAsync("Numéro de commande");
        await Assertions.Expect(checkout.PayButton).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-5-reload-resolved");
        Assert.All(Adyen.Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    [Fact]
    public async Task With_nothing_eligible_no_voucher_is_offered_and_the_card_pays_all()
    {
        var checkout = await StartAsync();
        await checkout.AddFromMenuAsync("Verre de Beaujolais");
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseTipAsync(100);

        await Assertions.Expect(checkout.Page.GetByTestId("nothing-eligible")).ToBeVisibleAsync();
        await Assertions.Expect(checkout.Page.GetByTestId("brand-bimpli")).ToHaveCountAsync(0);
        await Assertions.Expect(checkout.Page.GetByTestId("edenred-login")).ToHaveCountAsync(0);
        await Assertions.Expect(checkout.PayButton).ToHaveTextAsync($"Payer 6,50{Nbsp}€ par carte");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-6-nothing-eligible");
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        Assert.Equal(650, Charged(TestCards.Visa));
        Assert.Single(Adyen.Payments);
    }

    [Fact]
    public async Task On_a_Sunday_the_balance_step_warns_before_pay_and_the_refusal_leaves_nothing_held()
    {
        app.Dispose();
        app = new MealCheckoutAppFactory(clock: new FixedTimeProvider(new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero)));
        var checkout = await SteakAndWineAsync();
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", TestCards.Bimpli50);
        await checkout.CheckBalanceAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("holiday-warning")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(checkout.Page, "trust-7-sunday-warning");
        await checkout.FillCardAsync("bank-card", TestCards.Visa);
        await checkout.PayAsync();

        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToContainTextAsync("dimanche");
        Assert.All(Adyen.Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    private async Task<CheckoutPage> StartAsync()
    {
        var page = await browser.NewPhonePageAsync(app.RootUri, "fr-FR");
        await page.GotoInteractiveAsync("/");
        return new CheckoutPage(page);
    }

    private async Task<CheckoutPage> SteakAndWineAsync()
    {
        var checkout = await StartAsync();
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.AddFromMenuAsync("Verre de Beaujolais");
        await checkout.OpenCheckoutAsync();
        return checkout;
    }

    /// <summary>What the issuer took or still holds on this card.</summary>
    private long Charged(string number) => Adyen.Payments.Where(p => p.CardNumber == number).Sum(p => p.CapturedAmount + p.HeldAmount);

    public void Dispose() => app.Dispose();
}
