namespace MealCheckout.Core.Checkout;

/// <summary>What pays the voucher part: a CONECS card the diner typed (<see cref="VoucherCard"/>) or their Edenred account (<see cref="EdenredVoucher"/>).</summary>
public abstract record VoucherChoice;
