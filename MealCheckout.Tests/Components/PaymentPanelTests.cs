using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Restaurants;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using MealCheckout.Tests.Sandbox;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Pages.Checkout;
using MealCheckout.Web.Edenred;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MealCheckout.Web.Localization;
using MudBlazor.Services;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The payment panel without a browser: bunit types and clicks like a diner, the panel's one service
/// is the real checkout talking to the real sandbox, and the tests check what the diner sees and
/// what the issuers' ledgers hold.
/// </summary>
public sealed class PaymentPanelTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?> { ["Payments:Adyen:TimeoutSeconds"] = "10" }, weekdayClock: true);
    private readonly (CultureInfo, CultureInfo) previousCulture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public PaymentPanelTests() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

    private AdyenLedger Adyen => app.Services.GetRequiredService<AdyenLedger>();

    [Fact]
    public async Task With_nothing_eligible_no_voucher_is_offered_and_pay_states_the_card_amount()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Verre de Beaujolais");

        var panel = ctx.Render<PaymentPanel>();

        panel.WaitForAssertion(() => Assert.Equal("Payer 5,50\u00a0€ par carte", Text(panel, "pay")), Patience);
        Assert.Contains("Rien dans cette commande n’est payable en titre-restaurant", Text(panel, "nothing-eligible"));
        Assert.Empty(panel.FindAll("[data-testid=brand-bimpli]"));
        Assert.Empty(panel.FindAll("[data-testid=edenred-login]"));
        Assert.NotNull(panel.Find("[data-testid=bank-card-number]"));
    }

    [Fact]
    public async Task Editing_the_voucher_number_or_the_basket_clears_the_split_and_the_pay_button()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites", "Verre de Beaujolais");
        var panel = ctx.Render<PaymentPanel>();
        CheckBalance(panel, "bimpli", TestCards.Bimpli50);
        panel.WaitForAssertion(() => Assert.Equal("Payer 18,50\u00a0€ Bimpli + 5,50\u00a0€ carte", Text(panel, "pay")), Patience);

        fields!.Type(panel, "voucher-card", TestCards.Bimpli8);

        Assert.Empty(panel.FindAll("[data-testid=split-summary]"));
        Assert.Empty(panel.FindAll("[data-testid=pay]"));

        CheckBalance(panel, "bimpli", TestCards.Bimpli8, choose: false);
        panel.WaitForAssertion(() => Assert.Equal("Payer 8,00\u00a0€ Bimpli + 16,00\u00a0€ carte", Text(panel, "pay")), Patience);
        await panel.InvokeAsync(() => ctx.Services.GetRequiredService<CartState>().ChooseTipAsync(Money.FromCents(100)));

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid=pay]")), Patience);
        Assert.Empty(panel.FindAll("[data-testid=split-summary]"));
    }

    [Fact]
    public async Task A_refused_bank_card_keeps_the_split_and_the_card_fields_and_clears_only_the_number()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites", "Verre de Beaujolais");
        var panel = ctx.Render<PaymentPanel>();
        CheckBalance(panel, "pluxee", TestCards.Pluxee50);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=pay]")), Patience);
        FillCard(panel, "bank-card", TestCards.VisaRefused);

        Act(panel, "[data-testid=pay]", e => e.Click());

        panel.WaitForAssertion(() => Assert.Contains("carte bancaire a été refusée", Text(panel, "payment-error")), Patience);
        Assert.Equal("18,50\u00a0€", Text(panel, "split-voucher"));
        Assert.Equal("Payer 18,50\u00a0€ Pluxee + 5,50\u00a0€ carte", Text(panel, "pay"));
        Assert.Equal([CardForm.Number], fields!.Cleared("bank-card")); // the expiry and CVC stay typed
        Assert.NotEmpty(panel.FindAll("[data-testid=order-number]"));
        Assert.All(Adyen.Payments, p => Assert.Equal(0, p.HeldAmount));
    }

    [Fact]
    public async Task A_partial_authorisation_is_a_question_and_cancelling_releases_the_hold()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites", "Verre de Beaujolais");
        var panel = ctx.Render<PaymentPanel>();
        CheckBalance(panel, "bimpli", TestCards.BimpliPartial);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=pay]")), Patience);
        FillCard(panel, "bank-card", TestCards.Visa);

        Act(panel, "[data-testid=pay]", e => e.Click());

        panel.WaitForAssertion(() => Assert.Contains("Bimpli n’a autorisé que 10,00\u00a0€", Text(panel, "split-notice")), Patience);
        Assert.Equal("Payer 10,00\u00a0€ Bimpli + 14,00\u00a0€ carte", Text(panel, "pay"));
        Assert.Equal(1000, Adyen.Payments.Single(p => p.CardNumber == TestCards.BimpliPartial).HeldAmount);
        Assert.DoesNotContain(Adyen.Payments, p => p.CardNumber == TestCards.Visa);

        Act(panel, "[data-testid=cancel-partial]", e => e.Click());

        panel.WaitForAssertion(() => Assert.Contains("la somme réservée sur votre titre-restaurant a été libérée", Text(panel, "payment-error")), Patience);
        Assert.All(Adyen.Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    [Fact]
    public async Task A_balance_spent_elsewhere_before_pay_shows_the_new_split_in_English_and_charges_nothing()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites");
        var panel = ctx.Render<PaymentPanel>();
        CheckBalance(panel, "bimpli", TestCards.Bimpli8);
        panel.WaitForAssertion(() => Assert.Equal("Pay €8.00 Bimpli + €10.50 card", Text(panel, "pay")), Patience);
        FillCard(panel, "bank-card", TestCards.Visa);
        await app.Services.GetRequiredService<AdyenCheckoutClient>().MakePaymentAsync("elsewhere", Money.FromCents(500),
            AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, DinerBasket.Card(TestCards.Bimpli8)), null, Guid.NewGuid().ToString(), CancellationToken.None);

        Act(panel, "[data-testid=pay]", e => e.Click());

        panel.WaitForAssertion(() => Assert.StartsWith("Your voucher balance changed since you checked it. Nothing was charged", Text(panel, "split-notice"), StringComparison.Ordinal), Patience);
        Assert.Equal("Pay €3.00 Bimpli + €15.50 card", Text(panel, "pay"));
        Assert.Equal("€3.00", Text(panel, "split-voucher"));
        Assert.Equal(500, Adyen.Payments.Where(p => p.CardNumber == TestCards.Bimpli8).Sum(p => p.CapturedAmount + p.HeldAmount)); // only the purchase made elsewhere
        Assert.DoesNotContain(Adyen.Payments, p => p.CardNumber == TestCards.Visa);
    }

    [Fact]
    public async Task While_paying_pay_says_so_and_nothing_can_be_changed_then_the_receipt_opens()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites", "Verre de Beaujolais");
        var panel = ctx.Render<PaymentPanel>();
        CheckBalance(panel, "pluxee", TestCards.Pluxee50);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=pay]")), Patience);
        FillCard(panel, "bank-card", TestCards.Visa);
        var faults = app.Services.GetRequiredService<SandboxFaults>();
        faults.Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Latency, Match: "1111", Value: 3_000, PathEndsWith: "/payments")); // the bank takes its time

        Act(panel, "[data-testid=pay]", e => e.Click());

        panel.WaitForAssertion(() => Assert.Equal("Paiement en cours…", Text(panel, "pay")), Patience);
        Assert.True(panel.Find("[data-testid=pay]").HasAttribute("disabled"));
        Assert.NotEmpty(panel.FindAll("[data-testid=payment-progress]"));
        Assert.All(panel.FindAll(".brand-choice input"), radio => Assert.True(radio.HasAttribute("disabled")));
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        panel.WaitForAssertion(() => Assert.Matches("/receipt/[0-9a-f-]{36}$", navigation.Uri), Patience);
        Assert.Equal(550, Adyen.Payments.Single(p => p.CardNumber == TestCards.Visa).CapturedAmount);
    }

    private SecuredFieldsDouble? fields;

    private BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose; // the tab's session storage starts empty
        using (var client = app.CreateLoopbackClient())
        {
            fields = new SecuredFieldsDouble(ctx, SecuredFieldsEncryption.FetchAsync(client).GetAwaiter().GetResult(), app.Services.GetRequiredService<TimeProvider>());
        }
        var services = ctx.Services;
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddMudServices();
        services.AddMudTexts();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddScoped<ProtectedSessionStorage>();
        services.AddSingleton(new RestaurantContext(app.Services.GetRequiredService<SharedMenu>()));
        services.AddScoped<MenuPricing>();
        services.AddScoped<CartStorage>();
        services.AddScoped<CartState>();
        services.AddScoped<CheckoutAttempt>();
        services.AddScoped<EdenredBrowser>();
        services.AddScoped<EdenredLoginState>();
        services.AddTransient(_ => app.Services.GetRequiredService<EdenredSignIns>());
        services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        services.AddScoped<CircuitPayer>(); // no connection: the page counts as its own client
        services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        services.AddSingleton(app.Services.GetRequiredService<VoucherRuleBook>());
        services.AddTransient(_ => app.Services.GetRequiredService<DinerCheckout>());
        return ctx;
    }

    [Fact]
    public async Task The_brand_picker_offers_each_accepted_brand_with_its_mark_and_asks_for_what_the_brand_needs_in_English()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites", "Verre de Beaujolais");
        var panel = ctx.Render<PaymentPanel>();
        panel.WaitForAssertion(() => Assert.Equal("Pay €24.00 by card", Text(panel, "pay")), Patience);

        Assert.Equal(["img/brands/edenred.svg", "img/brands/bimpli.svg", "img/brands/pluxee.svg", "img/brands/up-dejeuner.svg", "img/brands/swile.svg", "img/brands/bank-card.svg"],
            panel.FindAll(".brand-choice img").Select(i => i.GetAttribute("src")));
        Assert.Equal("All by bank card", Text(panel, "brand-card-only"));

        Act(panel, "[data-testid=brand-pluxee] input", e => e.Change(true));
        panel.WaitForAssertion(() => Assert.Equal("Pluxee card", panel.Find("[data-testid=voucher-card] legend").TextContent), Patience);
        Assert.Equal("Check balance", Text(panel, "check-balance"));
        Assert.Empty(panel.FindAll("[data-testid=pay]")); // nothing to pay until the balance is checked

        Act(panel, "[data-testid=brand-edenred] input", e => e.Change(true));
        panel.WaitForAssertion(() => Assert.Equal("Pay with Edenred", Text(panel, "edenred-login")), Patience);
        Assert.Empty(panel.FindAll("[data-testid=voucher-card]"));

        Act(panel, "[data-testid=brand-card-only] input", e => e.Change(true));
        panel.WaitForAssertion(() => Assert.Equal("Pay €24.00 by card", Text(panel, "pay")), Patience);
        Assert.Empty(panel.FindAll("[data-testid=edenred-login]"));
        Assert.StartsWith("Encrypted connection.", Text(panel, "security-line"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checked_voucher_shows_its_split_in_English_and_pay_charges_exactly_it()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites", "Verre de Beaujolais");
        var panel = ctx.Render<PaymentPanel>();

        CheckBalance(panel, "pluxee", TestCards.Pluxee50);

        panel.WaitForAssertion(() => Assert.Equal("Pay €18.50 Pluxee + €5.50 card", Text(panel, "pay")), Patience);
        Assert.Equal("€18.50", Text(panel, "split-voucher"));
        Assert.Equal("€5.50", Text(panel, "split-card"));
        FillCard(panel, "bank-card", TestCards.Visa);

        Act(panel, "[data-testid=pay]", e => e.Click());

        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        panel.WaitForAssertion(() => Assert.Matches("/receipt/[0-9a-f-]{36}$", navigation.Uri), Patience);
        Assert.Equal(1850, Adyen.Payments.Single(p => p.CardNumber == TestCards.Pluxee50).CapturedAmount);
        Assert.Equal(550, Adyen.Payments.Single(p => p.CardNumber == TestCards.Visa).CapturedAmount);
    }

    [Fact]
    public async Task Pay_carries_the_French_security_line_and_the_brand_names_under_their_marks()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites");
        var panel = ctx.Render<PaymentPanel>();

        panel.WaitForAssertion(() => Assert.Equal("Payer 18,50\u00a0€ par carte", Text(panel, "pay")), Patience);

        Assert.Equal("Connexion chiffrée. Vos numéros de carte vont au prestataire de paiement\u00a0; le restaurant ne les enregistre jamais.", Text(panel, "security-line"));
        Assert.Equal(["Edenred", "Bimpli", "Pluxee", "Up Déjeuner", "Swile", "Tout par carte bancaire"], panel.FindAll(".brand-choice").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public async Task A_first_generation_brand_says_its_button_works_out_the_split_without_reading_a_balance()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites");
        var panel = ctx.Render<PaymentPanel>();

        Act(panel, "[data-testid=brand-swile] input", e => e.Change(true));
        panel.WaitForAssertion(() => Assert.Equal("Calculer la répartition (solde non consulté)", Text(panel, "check-balance")), Patience);
        Act(panel, "[data-testid=brand-bimpli] input", e => e.Change(true));
        panel.WaitForAssertion(() => Assert.Equal("Vérifier le solde", Text(panel, "check-balance")), Patience);

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var english = NewContext();
        await AddAsync(english, "Steak frites");
        var englishPanel = english.Render<PaymentPanel>();
        Act(englishPanel, "[data-testid=brand-swile] input", e => e.Change(true));
        englishPanel.WaitForAssertion(() => Assert.Equal("Work out the split (balance not read)", Text(englishPanel, "check-balance")), Patience);
    }

    [Fact]
    public async Task The_voucher_estimate_names_the_card_brands_the_restaurant_accepts()
    {
        await using var ctx = NewContext();
        await AddAsync(ctx, "Steak frites");
        var basket = ctx.Services.GetRequiredService<CartState>().Basket;

        var estimate = ctx.Render<VoucherEstimate>(p => p.Add(c => c.Basket, basket));
        estimate.WaitForAssertion(() => Assert.Equal("Carte titre-restaurant (Bimpli, Pluxee, Up Déjeuner, Swile)", CardsLabel(estimate)), Patience);
        Assert.Equal("18,50\u00a0€", estimate.Find("[data-testid=voucher-estimate-cards] .voucher-estimate-amount").TextContent);

        // A manager stops accepting Pluxee: the next page no longer promises it.
        var store = app.Services.GetRequiredService<RestaurantSettingsStore>();
        var current = await store.ReadAsync(DemoRestaurant.Restaurant.Id, CancellationToken.None);
        await store.SaveAsync(DemoRestaurant.Restaurant.Id, new RestaurantSettingsEdit(current.Siret,
            [.. current.Issuers.Select(i => i.Issuer == VoucherIssuer.Pluxee ? i with { Accepted = false } : i)]), "manager@mealcheckout.test", CancellationToken.None);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        await using var next = NewContext();

        var english = next.Render<VoucherEstimate>(p => p.Add(c => c.Basket, basket));
        english.WaitForAssertion(() => Assert.Equal("Meal-voucher card (Bimpli, Up Déjeuner, Swile)", CardsLabel(english)), Patience);
        Assert.Equal("Edenred account", english.Find("[data-testid=voucher-estimate-edenred] .voucher-estimate-label").TextContent);
    }

    private static string CardsLabel(IRenderedComponent<VoucherEstimate> estimate) =>
        estimate.Find("[data-testid=voucher-estimate-cards] .voucher-estimate-label").TextContent;

    private static async Task AddAsync(BunitContext ctx, params string[] dishes)
    {
        var menu = await ctx.Services.GetRequiredService<RestaurantContext>().GetMenuAsync();
        var cart = ctx.Services.GetRequiredService<CartState>();
        foreach (var item in dishes.Select(d => menu.Categories.SelectMany(c => c.Items).Single(i => i.NameFr == d)))
        {
            await cart.AddAsync(new MenuItemChoice(item.Id, item.NameFr, item.NameEn, item.Kind, item.Price, item.VatRate));
        }
    }

    private void CheckBalance(IRenderedComponent<PaymentPanel> panel, string brand, string number, bool choose = true)
    {
        if (choose)
        {
            Act(panel, $"[data-testid=brand-{brand}] input", e => e.Change(true));
        }
        FillCard(panel, "voucher-card", number);
        Act(panel, "form.payment-step", e => e.Submit());
    }

    private void FillCard(IRenderedComponent<PaymentPanel> panel, string which, string number) =>
        panel.WaitForAssertion(() => fields!.Type(panel, which, number), Patience);

    /// <summary>Acts on an element as found now: the panel re-renders on its own when a call returns, which replaces its elements.</summary>
    private static void Act(IRenderedComponent<PaymentPanel> panel, string selector, Action<IElement> act) =>
        panel.WaitForAssertion(() => act(panel.Find(selector)), Patience);

    private static string Text(IRenderedComponent<PaymentPanel> panel, string testId) => panel.Find($"[data-testid={testId}]").TextContent.Trim();

    public void Dispose()
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previousCulture;
        app.Dispose();
    }
}
