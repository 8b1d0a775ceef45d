using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// What the providers' own ledgers hold and took for one order, voucher and card apart: the ground
/// truth the app's view of the order is checked against. Edenred transactions carry the order number
/// as order_ref; Adyen payments are "&lt;number&gt;-V" (voucher) and "&lt;number&gt;-C" (card).
/// </summary>
internal sealed record ProviderMoney(long VoucherHeld, long VoucherTaken, long CardHeld, long CardTaken)
{
    public static ProviderMoney Of(string orderNumber, EdenredLedger edenred, AdyenLedger adyen)
    {
        var vouchers = edenred.Transactions.Where(t => t.OrderRef == orderNumber).ToList();
        var conecs = adyen.Payments.Where(p => p.MerchantReference == orderNumber + "-V").ToList();
        var cards = adyen.Payments.Where(p => p.MerchantReference == orderNumber + "-C").ToList();
        return new ProviderMoney(
            vouchers.Sum(t => t.HeldAmount) + conecs.Sum(p => p.HeldAmount),
            vouchers.Sum(t => t.CapturedAmount - t.RefundedAmount) + conecs.Sum(p => p.CapturedAmount - p.RefundedAmount),
            cards.Sum(p => p.HeldAmount),
            cards.Sum(p => p.CapturedAmount - p.RefundedAmount));
    }

    /// <summary>
    /// Money is where the order says: no card taken while its voucher is not; a paid order took exactly
    /// its total and holds nothing; a failed one holds and took nothing; anything else is left to check.
    /// </summary>
    public void AssertInPlace(Order order)
    {
        var because = $"{order.Number} is {order.Status}; providers: {this}";
        if (order.Legs.Any(l => l.Kind == LegKind.Voucher) && CardTaken > 0)
        {
            Assert.True(VoucherTaken > 0, "card captured while the voucher is not: " + because);
        }
        switch (order.Status)
        {
            case OrderStatus.Paid:
                Assert.True((VoucherHeld, CardHeld, VoucherTaken + CardTaken) == (0, 0, order.Total.Cents), because);
                break;
            case OrderStatus.Failed:
                Assert.True(this == new ProviderMoney(0, 0, 0, 0), because);
                break;
            case OrderStatus.ToCheck:
                Assert.True(order.CheckReason is not null, because);
                break;
            default:
                Assert.Fail("the order is not final: " + because);
                break;
        }
    }
}
