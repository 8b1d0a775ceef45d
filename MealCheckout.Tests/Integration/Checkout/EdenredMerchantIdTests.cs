using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Restaurants;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The Edenred merchant ID a manager keeps in the restaurant's settings is the <c>mid</c> Edenred receives,
/// over real HTTP to the sandbox, which records it on each transaction and refuses one it does not know.
/// </summary>
public sealed class EdenredMerchantIdTests : IDisposable
{
    private const string Pablo = "lerouxpablo@yopmail.com";
    private const string Visa = "4111111111111111";
    private const int HeldLonger = 30_000;

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        ["Payments:Edenred:TimeoutSeconds"] = "6",
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
        ["Reconciler:UnknownGiveUpAfterSeconds"] = "0",
    }, weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private EdenredLedger Edenred => Get<EdenredLedger>();

    private static NewOrderLine Salad => new("Salade niçoise", ItemKind.Food, Money.FromCents(900), 1);
    private static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    [Fact]
    public async Task A_manager_changing_the_edenred_merchant_id_changes_the_mid_of_the_next_payment_only()
    {
        var login = await LoginAsync();
        var first = await PayAsync(login);
        Assert.True(first.Paid, first.ToString());

        await SetEdenredMerchantIdAsync(EdenredTestMerchants.Second);
        var second = await PayAsync(await LoginAsync());
        Assert.True(second.Paid, second.ToString());

        Assert.Equal(EdenredTestMerchants.Document, await SandboxMidOfAsync(first));
        Assert.Equal(EdenredTestMerchants.Second, await SandboxMidOfAsync(second));
        Assert.Equal(EdenredTestMerchants.Second, (await VoucherLegAsync(second)).MerchantId);
    }

    [Fact]
    public async Task A_merchant_id_edenred_does_not_know_is_refused_with_its_code_and_nothing_is_held()
    {
        await SetEdenredMerchantIdAsync("1999999");

        var outcome = await PayAsync(await LoginAsync());

        Assert.Equal((CheckoutFailure.VoucherRefused, "INVALID_MERCHANT"), (outcome.Failure, outcome.ProviderCode));
        Assert.DoesNotContain(Edenred.Transactions, t => t.Username == Pablo);
        Assert.DoesNotContain(Get<AdyenLedger>().Payments, p => p.HeldAmount > 0 || p.CapturedAmount > 0);
        Assert.Equal(OrderStatus.Failed, (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Status);
    }

    [Fact]
    public async Task An_authorisation_replayed_after_a_lost_answer_sends_the_mid_it_was_made_with()
    {
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Match: Pablo, Value: HeldLonger, Times: 2, PathEndsWith: "/v2/transactions"));
        var outcome = await PayAsync(await LoginAsync());
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        // The manager changes the merchant ID while the first authorisation's answer is still unknown.
        await SetEdenredMerchantIdAsync(EdenredTestMerchants.Second);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        // Same body, so Edenred answered with the first hold (a new mid would be TRANSACTION_DUPLICATED), which the pass released.
        var only = Assert.Single(Edenred.Transactions, t => t.Username == Pablo);
        Assert.Equal(("cancelled", 0L, EdenredTestMerchants.Document), (only.Status, only.HeldAmount, only.Mid));
        Assert.Equal(OrderStatus.Failed, (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Status);
    }

    private Task<EdenredLoginReference> LoginAsync() => EdenredLogin.SignInForCheckoutAsync(app.RootUri, Get<EdenredSignIns>(), Pablo);

    private Task<CheckoutOutcome> PayAsync(EdenredLoginReference login)
    {
        var today = ParisCalendar.DayOf(Get<TimeProvider>().GetUtcNow());
        var bank = CardDetails.Parse(Visa, "12/30", "737", today).Card;
        var draft = new OrderDraft(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, [Salad, Wine]);
        return Get<EdenredCheckout>().PayAsync(new EdenredPaymentRequest(draft, login, bank, TestPayers.Fresh()), CancellationToken.None);
    }

    private async Task SetEdenredMerchantIdAsync(string merchantId)
    {
        var store = Get<RestaurantSettingsStore>();
        var current = await store.ReadAsync(DemoRestaurant.Restaurant.Id, CancellationToken.None);
        await store.SaveAsync(DemoRestaurant.Restaurant.Id, new RestaurantSettingsEdit(current.Siret,
            [.. current.Issuers.Select(i => i.Issuer == VoucherIssuer.Edenred ? i with { MerchantId = merchantId } : i)]), "manager@mealcheckout.test", CancellationToken.None);
    }

    private async Task<PaymentLeg> VoucherLegAsync(CheckoutOutcome outcome) =>
        (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Legs.Single(l => l.Kind == LegKind.Voucher);

    private async Task<string> SandboxMidOfAsync(CheckoutOutcome outcome) =>
        Edenred.Find((await VoucherLegAsync(outcome)).ProviderReference!)!.Mid;

    public void Dispose() => app.Dispose();
}
