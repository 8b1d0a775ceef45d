using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The app really stops in the middle of an Edenred payment and a new instance starts on the same
/// SQLite file. The providers run apart, on their own loopback server, so what Edenred holds
/// outlives the app, as it would in production.
/// </summary>
public sealed class EdenredRestartTests : IAsyncLifetime
{
    private const string Pablo = "lerouxpablo@yopmail.com";

    private readonly SandboxHost providers = new();
    private readonly TestDirectory data = new();

    public Task InitializeAsync() => providers.InitializeAsync();

    [Fact]
    public async Task A_payment_cut_short_by_a_restart_is_released_by_the_next_instance()
    {
        var database = data.File("mealcheckout.db");
        CheckoutOutcome outcome;
        using (var before = StartApp(database))
        {
            var login = await LoginAsync(before);
            // The card's answer never comes back, then the app goes down with the voucher authorised.
            providers.Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "1111", Times: 6));
            outcome = await PayAsync(before, login);
            Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
            Assert.Equal(1850, Assert.Single(Ledger.Transactions, t => t.Username == Pablo).HeldAmount);
        }

        using var after = StartApp(database);
        var order = await SettledAsync(after, outcome.OrderId);
        var atEdenred = Assert.Single(Ledger.Transactions, t => t.Username == Pablo);
        Assert.Equal(("cancelled", 0L, 0L), (atEdenred.Status, atEdenred.HeldAmount, atEdenred.CapturedAmount));
        // Nobody knows whether the card payment reached the bank, so the next instance cancels it by its
        // reference (Adyen's technical cancel): with both legs known released the order is failed.
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.All(order.Legs, l => Assert.Equal(LegState.Cancelled, l.State));
        Assert.All(providers.Get<AdyenLedger>().Payments, p => Assert.Equal(0, p.HeldAmount));
    }

    [Fact]
    public async Task A_payment_authorised_on_both_sides_before_a_restart_is_captured_by_the_next_instance()
    {
        var database = data.File("mealcheckout.db");
        CheckoutOutcome outcome;
        using (var before = StartApp(database))
        {
            var login = await LoginAsync(before);
            // Both authorisations are taken; the capture's three attempts and the three of the checkout's replay all lose their answer, then the app goes down.
            providers.Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.DropConnection, Times: 6, PathEndsWith: "/actions/capture"));
            outcome = await PayAsync(before, login);
            Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        }

        using var after = StartApp(database);
        var order = await SettledAsync(after, outcome.OrderId);
        Assert.Equal(OrderStatus.Paid, order.Status);
        var atEdenred = Assert.Single(Ledger.Transactions, t => t.Username == Pablo);
        Assert.Equal(("captured", 1850L), (atEdenred.Status, atEdenred.CapturedAmount));
    }

    private EdenredLedger Ledger => providers.Get<EdenredLedger>();

    /// <summary>
    /// Passes of the next instance's reconciler until the order is settled: its own start-up pass may hold the
    /// checkout's lease while it works it, and a pass that finds the lease held skips the checkout.
    /// </summary>
    private static async Task<Order> SettledAsync(MealCheckoutAppFactory app, Guid orderId)
    {
        for (var pass = 1; ; pass++)
        {
            await app.Services.GetRequiredService<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);
            var order = (await app.Services.GetRequiredService<IOrderStore>().FindAsync(orderId))!;
            if (order.Status is not (OrderStatus.Open or OrderStatus.ToCheck) || pass == 100)
            {
                return order;
            }
            await Task.Delay(100);
        }
    }

    private MealCheckoutAppFactory StartApp(string database)
    {
        var app = new MealCheckoutAppFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MealCheckout"] = $"Data Source={database}",
            ["Payments:Edenred:ApiBaseAddress"] = new Uri(providers.BaseAddress, "sandbox/edenred-api/").ToString(),
            ["Payments:Edenred:Authority"] = new Uri(providers.BaseAddress, "sandbox/edenred-sso/").ToString(),
            ["Payments:Adyen:BaseAddress"] = new Uri(providers.BaseAddress, "sandbox/adyen/checkout/v71/").ToString(),
            ["Payments:Edenred:TimeoutSeconds"] = "10",
            ["Payments:Adyen:TimeoutSeconds"] = "10",
            // Passes run only when the test says so, and every open order counts as interrupted.
            ["Reconciler:IntervalSeconds"] = "3600",
            ["Reconciler:StaleAfterSeconds"] = "0",
            ["Reconciler:UnknownGiveUpAfterSeconds"] = "0",
        }, weekdayClock: true);
        _ = app.RootUri; // started: migrations and the reconciler's first pass run now
        return app;
    }

    private Task<EdenredLoginReference> LoginAsync(MealCheckoutAppFactory app) =>
        EdenredLogin.SignInForCheckoutAsync(providers.BaseAddress, app.Services.GetRequiredService<EdenredSignIns>(), Pablo);

    private static Task<CheckoutOutcome> PayAsync(MealCheckoutAppFactory app, EdenredLoginReference login)
    {
        var today = ParisCalendar.DayOf(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        NewOrderLine[] lines = [new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)];
        return app.Services.GetRequiredService<EdenredCheckout>().PayAsync(new EdenredPaymentRequest(
            new OrderDraft(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines),
            login, CardDetails.Parse("4111111111111111", "12/30", "737", today).Card, TestPayers.Fresh()), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await providers.DisposeAsync();
        data.Dispose();
    }
}
