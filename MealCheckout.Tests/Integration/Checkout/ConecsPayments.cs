using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>A CONECS checkout for the demo restaurant as the payment page asks for it, from the sandbox's test card numbers.</summary>
internal static class ConecsPayments
{
    public static Task<CheckoutOutcome> PayAsync(this ConecsCheckout checkout, NewOrderLine[] lines, string voucherNumber, string? bankNumber,
        Guid? checkoutId = null, ConfirmedSplit? confirmed = null, CancellationToken cancellationToken = default)
    {
        var today = ParisCalendar.DayOf(DateTimeOffset.UtcNow);
        var voucher = CardDetails.Parse(voucherNumber, "12/30", "737", today).Card;
        var bank = bankNumber is null ? null : CardDetails.Parse(bankNumber, "12/30", "737", today).Card;
        var issuer = voucherNumber.StartsWith("503811", StringComparison.Ordinal) ? VoucherIssuer.Bimpli
            : voucherNumber.StartsWith("503545", StringComparison.Ordinal) ? VoucherIssuer.Pluxee : VoucherIssuer.UpDejeuner;
        return checkout.PayAsync(new ConecsPaymentRequest(checkoutId ?? Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines,
            new VoucherCard(issuer, voucher!), bank, TestPayers.Fresh(), confirmed), cancellationToken);
    }
}
