using MealCheckout.Core.Payments;

namespace MealCheckout.Core.Checkout;

/// <summary>
/// One press of Pay with Edenred. <see cref="Order"/>'s checkout id is made by the page once per
/// attempt (a second press or a reload finds the same order); <see cref="Login"/> names the
/// diner's stored Edenred login and the checkout it was made for; <see cref="Payer"/> is who the
/// limits count the attempt against. <see cref="Confirmed"/> is the split the
/// diner saw: nothing else is charged (null only where no diner is on screen).
/// </summary>
public sealed record EdenredPaymentRequest(OrderDraft Order, EdenredLoginReference Login, PaymentCard? BankCard, PayerIdentity Payer, ConfirmedSplit? Confirmed = null);

/// <summary>Paying with the diner's Edenred account, signed in for this checkout.</summary>
public sealed record EdenredVoucher(EdenredLoginReference Login) : VoucherChoice;

/// <summary>The opaque id the browser holds for a server-side Edenred login, and the checkout it is bound to.</summary>
public sealed record EdenredLoginReference(Guid SignInId, Guid CheckoutId);
