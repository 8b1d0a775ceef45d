using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// Two app instances on one PostgreSQL database, both paying through the first one's sandbox issuer:
/// the app's daily cap per voucher card holds across them, so every checkout is paid (the rest on the
/// bank card). Without the cap's lock, checkouts pass the app's cap and the issuer refuses them.
/// </summary>
public sealed class PostgreSqlDailyCapTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const string UpFull = "5044210000000010";
    private const string Visa = "4111111111111111";
    private const long ConecsDailyCapCents = 2500;

    private readonly TwoAppInstances instances;

    public PostgreSqlDailyCapTests(PostgreSqlDatabase database) => instances = new(() => Settings(database));

    [Fact]
    public async Task Fifty_concurrent_checkouts_on_one_card_over_two_instances_never_pass_its_daily_cap()
    {
        var salad = new NewOrderLine("Salade", ItemKind.Food, Money.FromCents(400), 1);
        var checkouts = new[] { instances.First, instances.Second }.Select(app => app.Services.GetRequiredService<ConecsCheckout>()).ToArray();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => checkouts[i % 2].PayAsync([salad], UpFull, Visa))));

        Assert.All(outcomes, o => Assert.True(o.Paid, o.ToString())); // the card pays whatever the voucher may not
        var issuer = instances.First.Services.GetRequiredService<AdyenLedger>();
        var onVoucher = issuer.Payments.Where(p => p.CardNumber == UpFull && p.Status == "captured").Sum(p => p.CapturedAmount);
        Assert.InRange(onVoucher, ConecsDailyCapCents - 400, ConecsDailyCapCents);
        var orders = instances.First.Services.GetRequiredService<IOrderStore>();
        var paid = await Task.WhenAll(outcomes.Select(o => orders.FindAsync(o.OrderId)));
        Assert.Equal(onVoucher, paid.SelectMany(o => o!.Legs).Where(l => l.Kind == LegKind.Voucher).Sum(l => l.CapturedAmount.Cents));
        Assert.Equal(50 * 400, paid.Sum(o => o!.PaidAmount.Cents));
    }

    private static Dictionary<string, string?> Settings(PostgreSqlDatabase database) => new(database.AppSettings)
    {
        ["Vouchers:ConecsDailyCapCents"] = ConecsDailyCapCents.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Payments:Adyen:TimeoutSeconds"] = "20",
        // Fifty payments with one card in a minute: the per-card limit has its own tests.
        ["RateLimits:PaymentPerCardPerMinute"] = "100",
    };

    public void Dispose() => instances.Dispose();
}
