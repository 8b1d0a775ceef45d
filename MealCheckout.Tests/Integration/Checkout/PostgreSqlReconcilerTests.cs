using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// Two app instances on one PostgreSQL database, each running the reconciler, over checkouts whose
/// capture answers were lost: a checkout leased by one instance is left to it, an expired lease is
/// taken over, and every checkout ends paid once.
/// </summary>
public sealed class PostgreSqlReconcilerTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const string Voucher = "5038110000000010";
    private const string Visa = "4111111111111111";

    // A dropped connection is retried twice by the client and the whole call replayed once: six drops lose the answer.
    private const int LostAnswer = 6;

    private readonly TwoAppInstances instances;

    public PostgreSqlReconcilerTests(PostgreSqlDatabase database) => instances = new(() => Settings(database));

    [Fact]
    public async Task A_checkout_leased_by_a_live_instance_is_left_to_it_and_one_whose_lease_expired_is_taken_over()
    {
        var (held, abandoned, free) = (await StaleCheckoutAsync(), await StaleCheckoutAsync(), await StaleCheckoutAsync());
        Assert.True(await Get<CheckoutLeases>(instances.First).TryTakeAsync(held, CancellationToken.None));
        // An instance that died while working a checkout: its lease has run out.
        var deadInstance = new CheckoutLeases(Get<IDbContextFactory<MealCheckoutDbContext>>(instances.First),
            Options.Create(new ReconcilerOptions { LeaseSeconds = -1 }), TimeProvider.System);
        Assert.True(await deadInstance.TryTakeAsync(abandoned, CancellationToken.None));

        await Get<CheckoutReconciler>(instances.Second).RunOnceAsync(CancellationToken.None);

        Assert.NotEqual(OrderStatus.Paid, await StatusAsync(held));
        Assert.Equal(OrderStatus.Paid, await StatusAsync(abandoned));
        Assert.Equal(OrderStatus.Paid, await StatusAsync(free));

        await Get<CheckoutLeases>(instances.First).ReleaseAsync(held, CancellationToken.None);
        await Get<CheckoutReconciler>(instances.Second).RunOnceAsync(CancellationToken.None);

        Assert.Equal(OrderStatus.Paid, await StatusAsync(held));
        await AssertCapturedOnceAsync([held, abandoned, free]);
    }

    [Fact]
    public async Task Both_instances_reconciling_at_once_end_every_stale_checkout_paid_once()
    {
        var stale = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            stale.Add(await StaleCheckoutAsync());
        }

        await Task.WhenAll(Task.Run(() => Get<CheckoutReconciler>(instances.First).RunOnceAsync(CancellationToken.None)),
            Task.Run(() => Get<CheckoutReconciler>(instances.Second).RunOnceAsync(CancellationToken.None)));

        foreach (var id in stale)
        {
            Assert.Equal(OrderStatus.Paid, await StatusAsync(id));
        }
        await AssertCapturedOnceAsync(stale);
    }

    /// <summary>A split checkout on the second instance whose capture answer is lost: authorised, left to the reconciler.</summary>
    private async Task<Guid> StaleCheckoutAsync()
    {
        Get<SandboxFaults>(instances.First).Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "/captures", Times: LostAnswer));
        var outcome = await Get<ConecsCheckout>(instances.Second).PayAsync(
            [new NewOrderLine("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new NewOrderLine("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)], Voucher, Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        return outcome.OrderId;
    }

    private async Task<OrderStatus> StatusAsync(Guid orderId) => (await Get<IOrderStore>(instances.First).FindAsync(orderId))!.Status;

    private async Task AssertCapturedOnceAsync(IEnumerable<Guid> orderIds)
    {
        var ledger = Get<AdyenLedger>(instances.First);
        foreach (var id in orderIds)
        {
            var order = (await Get<IOrderStore>(instances.First).FindAsync(id))!;
            Assert.Equal(order.Total.Cents, ledger.Payments.Where(p => p.MerchantReference.StartsWith(order.Number, StringComparison.Ordinal)).Sum(p => p.CapturedAmount));
        }
    }

    private static T Get<T>(MealCheckoutAppFactory app) where T : notnull => app.Services.GetRequiredService<T>();

    private static Dictionary<string, string?> Settings(PostgreSqlDatabase database) => new(database.AppSettings)
    {
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Sandbox:Adyen:CommitTimeoutMilliseconds"] = "1500",
        // Passes run only when the test says so, and every open order counts as interrupted.
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
        // The class pays seven checkouts with one voucher card within a minute. On PostgreSQL the attempt limits are
        // counted in the database the tests share (decision 0027), and they are not what these tests are about.
        ["RateLimits:PaymentPerCardPerMinute"] = "100",
        ["RateLimits:PaymentPerCircuitPerMinute"] = "100",
    };

    public void Dispose() => instances.Dispose();
}
