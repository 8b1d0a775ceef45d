using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// One press of Pay with a CONECS voucher card (or none: everything on the bank card). <see cref="CheckoutId"/> is made by the diner's
/// page once per attempt: pressing again or reloading finds the same order instead of paying twice.
/// <see cref="Payer"/> is who the limits count the attempt against.
/// <see cref="Confirmed"/> is the split the diner saw: nothing else is charged (null only where no diner is on screen).
/// </summary>
public sealed record ConecsPaymentRequest(
    Guid CheckoutId,
    Guid RestaurantId,
    string Culture,
    Fulfilment Fulfilment,
    IReadOnlyList<NewOrderLine> Lines,
    VoucherCard? Voucher,
    PaymentCard? BankCard,
    PayerIdentity Payer,
    ConfirmedSplit? Confirmed = null);

/// <summary>
/// The voucher card the diner typed and the brand they picked for it; once routed (<c>VoucherCardRouter</c>),
/// the issuer its BIN names and <see cref="Route"/>: CONECS, or the card network for first-generation and mixed cards.
/// </summary>
public sealed record VoucherCard(VoucherIssuer Issuer, PaymentCard Card) : VoucherChoice
{
    public VoucherRoute Route { get; init; } = Issuer.RouteOf();
}
