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
/// The app on PostgreSQL: a split checkout against the sandbox over loopback, from the diner's
/// confirmation to the issuer's ledger, with the order read back from the database.
/// </summary>
public sealed class PostgreSqlCheckoutTests : IClassFixture<PostgreSqlDatabase>, IDisposable
{
    private const string PluxeeFull = "5035450000000013";
    private const string PluxeePartial = "5035450000000054";
    private const string Visa = "4111111111111111";

    private readonly MealCheckoutAppFactory app;

    public PostgreSqlCheckoutTests(PostgreSqlDatabase database)
    {
        app = new MealCheckoutAppFactory(new Dictionary<string, string?>(database.AppSettings)
        {
            // Generous for a busy machine, as the SQLite checkout tests are.
            ["Payments:Adyen:TimeoutSeconds"] = "10",
        }, weekdayClock: true);
    }

    private ConecsCheckout Checkout => app.Services.GetRequiredService<ConecsCheckout>();
    private AdyenLedger Issuer => app.Services.GetRequiredService<AdyenLedger>();
    private IOrderStore Orders => app.Services.GetRequiredService<IOrderStore>();

    private static NewOrderLine Steak => new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1);
    private static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    [Fact]
    public async Task A_split_checkout_is_paid_by_voucher_and_card_and_read_back_from_PostgreSQL()
    {
        var outcome = await Checkout.PayAsync([Steak, Wine], PluxeeFull, Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        Assert.Equal(OrderStatus.Paid, order!.Status);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        Assert.Equal((1850L, 550L), (voucher.CapturedAmount.Cents, card.CapturedAmount.Cents));
        Assert.Equal(1850, Issuer.Payments.Single(p => p.PspReference == voucher.ProviderReference).CapturedAmount);
        Assert.Equal(550, Issuer.Payments.Single(p => p.PspReference == card.ProviderReference).CapturedAmount);
        Assert.All(order.Legs.SelectMany(l => l.Calls), c => Assert.NotNull(c.CompletedAt));
    }

    [Fact]
    public async Task A_partial_authorisation_confirmed_by_the_diner_ends_paid_once()
    {
        var checkoutId = Guid.NewGuid();
        var question = await Checkout.PayAsync([Steak, Wine], PluxeePartial, Visa, checkoutId);
        Assert.Equal(CheckoutFailure.PartiallyAuthorised, question.Failure);

        var outcome = await Checkout.PayAsync([Steak, Wine], PluxeePartial, Visa, checkoutId, question.Proposed);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = await Orders.FindAsync(outcome.OrderId);
        Assert.Equal((1000L, 1400L), (order!.Legs.Single(l => l.Kind == LegKind.Voucher).CapturedAmount.Cents, order.Legs.Single(l => l.Kind == LegKind.Card).CapturedAmount.Cents));
        Assert.Equal(1400, Assert.Single(Issuer.Payments, p => p.CardNumber == Visa).CapturedAmount);
    }

    public void Dispose() => app.Dispose();
}
