using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>Orders paid for real: the CONECS checkout against the sandbox, as a diner's page runs it.</summary>
public static class CheckoutOrders
{
    public const string Bimpli = "5038110000000010";
    public const string Pluxee = "5035450000000013";
    public const string Visa = "4111111111111111";

    public static NewOrderLine Steak => new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1);
    public static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    /// <summary>Steak on a Bimpli card, wine on a Visa: a paid order with a voucher leg and a card leg.</summary>
    public static Task<Order> SplitAsync(MealCheckoutAppFactory app, string voucher = Bimpli) => PayAsync(app, [Steak, Wine], voucher, Visa);

    public static async Task<Order> PayAsync(MealCheckoutAppFactory app, NewOrderLine[] lines, string? voucherNumber, string? bankNumber)
    {
        var today = ParisCalendar.DayOf(DateTimeOffset.UtcNow);
        var voucher = voucherNumber is null ? null
            : new VoucherCard(voucherNumber.StartsWith("503811", StringComparison.Ordinal) ? VoucherIssuer.Bimpli : VoucherIssuer.Pluxee, CardDetails.Parse(voucherNumber, "12/30", "737", today).Card!);
        var bank = bankNumber is null ? null : CardDetails.Parse(bankNumber, "12/30", "737", today).Card;
        var outcome = await app.Services.GetRequiredService<ConecsCheckout>().PayAsync(
            new ConecsPaymentRequest(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines, voucher, bank, TestPayers.Fresh()), CancellationToken.None);
        Assert.True(outcome.Paid, outcome.ToString());
        return (await app.Services.GetRequiredService<IOrderStore>().FindAsync(outcome.OrderId))!;
    }
}

/// <summary>
/// The staff-operation test classes each host the app and pay through the sandbox: run one at a
/// time, so together they do not starve the rest of the suite on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StaffOperationsCollection
{
    public const string Name = "staff operations";
}
