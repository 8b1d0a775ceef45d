using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Persistence;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using MealCheckout.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The providers as a service of their own: the sandbox runs as its own process, the app (its built-in
/// sandbox off) reaches it only through absolute addresses, and the sandbox posts its notifications back
/// to the app's address. What the issuers hold is read from the sandbox process, over its control API.
/// The sandbox runs on the machine's clock, so the test accounts are those allowed on Sundays and holidays.
/// </summary>
public sealed class StandaloneSandboxTests : IAsyncLifetime
{
    private const string BimpliAnyDay = "5038110000000069";
    private const string EdenredAnyDay = "holiday.allowed@yopmail.com";
    private const string Visa = "4111111111111111";

    private readonly int appPort = LoopbackPort.Free();
    private SandboxProcess sandbox = default!;
    private MealCheckoutAppFactory app = default!;

    private static NewOrderLine Steak => new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1);
    private static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        sandbox = await SandboxProcess.StartAsync(new Uri($"http://127.0.0.1:{appPort}{WebhookEndpoints.AdyenPath}"));
        app = new MealCheckoutAppFactory(new Dictionary<string, string?>(sandbox.AppSettings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            // Generous for a busy machine, as the other checkout tests are.
            ["Payments:Adyen:TimeoutSeconds"] = "10",
            ["Payments:Edenred:TimeoutSeconds"] = "10",
        }, port: appPort);
        _ = app.RootUri; // started, so its first request is not the payment
    }

    [Fact]
    public async Task A_CONECS_and_card_split_is_paid_through_the_sandbox_process_which_notifies_the_app()
    {
        var outcome = await Get<ConecsCheckout>().PayAsync([Steak, Wine], BimpliAnyDay, Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        Assert.Null(app.Services.GetService<AdyenLedger>()); // no sandbox inside the app: the money moved in the other process
        var order = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!;
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        var issuer = (await sandbox.StateAsync()).Adyen;
        Assert.Equal(("captured", 1850L, 0L), Ledger(issuer, voucher.ProviderReference));
        Assert.Equal(("captured", 550L, 0L), Ledger(issuer, card.ProviderReference));
        // The sandbox's notifications reach the app at the absolute address it was given.
        var notified = await NotificationsAsync("CAPTURE", 2);
        Assert.Equal(new[] { card.ProviderReference, voucher.ProviderReference }.Order(), notified.Order());
    }

    [Fact]
    public async Task An_Edenred_and_card_split_logs_in_and_pays_at_the_sandbox_process()
    {
        var login = await EdenredLogin.SignInForCheckoutAsync(sandbox.RootUri, Get<EdenredSignIns>(), EdenredAnyDay);
        var bank = CardDetails.Parse(Visa, "12/30", "737", ParisCalendar.DayOf(DateTimeOffset.UtcNow)).Card;
        var draft = new OrderDraft(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, [Steak, Wine]);

        var outcome = await Get<EdenredCheckout>().PayAsync(new EdenredPaymentRequest(draft, login, bank, TestPayers.Fresh()), CancellationToken.None);

        Assert.True(outcome.Paid, outcome.ToString());
        var state = await sandbox.StateAsync();
        var edenred = Assert.Single(state.Edenred);
        Assert.Equal((EdenredAnyDay, "captured", 1850L, 0L), (edenred.Username, edenred.Status, edenred.CapturedAmount, edenred.HeldAmount));
        var card = Assert.Single(state.Adyen.Payments);
        Assert.Equal(("1111", "captured", 550L, 0L), (card.CardLast4, card.Status, card.CapturedAmount, card.HeldAmount));
    }

    [Fact]
    public async Task The_checkout_page_lets_the_card_fields_come_from_the_sandbox_origin_and_the_login_form_go_there()
    {
        using var client = app.CreateLoopbackClient();
        using var page = await client.GetAsync("/checkout");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var origin = sandbox.RootUri.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"frame-src {origin};", policy, StringComparison.Ordinal);
        Assert.Contains($"script-src 'self' {origin};", policy, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {origin};", policy, StringComparison.Ordinal);
    }

    private static (string Status, long Captured, long Held) Ledger(SandboxState.AdyenState issuer, string? pspReference)
    {
        var payment = issuer.Payments.Single(p => p.PspReference == pspReference);
        return (payment.Status, payment.CapturedAmount, payment.HeldAmount);
    }

    /// <summary>The references of the stored notifications of one kind, once <paramref name="count"/> of them arrived (they are posted after the answer).</summary>
    private async Task<List<string>> NotificationsAsync(string eventCode, int count)
    {
        var contexts = Get<IDbContextFactory<MealCheckoutDbContext>>();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync();
            var references = await db.WebhookEvents.Where(e => e.EventCode == eventCode).Select(e => e.OriginalReference ?? e.PspReference).ToListAsync();
            if (references.Count >= count || attempt == 300)
            {
                return references;
            }
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        app?.Dispose();
        sandbox?.Dispose();
        return Task.CompletedTask;
    }
}
