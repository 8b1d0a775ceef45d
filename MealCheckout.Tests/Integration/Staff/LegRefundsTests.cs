using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>
/// Refunds of whole legs against the Adyen-style sandbox over loopback, with a real SQLite file:
/// what the provider holds afterwards, and what the order and its audit trail say.
/// </summary>
[Collection(StaffOperationsCollection.Name)]
public sealed class LegRefundsTests : IDisposable
{
    private const string Manager = "manager@mealcheckout.test";

    private MealCheckoutAppFactory app = new(weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    [Fact]
    public async Task Refunding_the_card_leg_gives_the_money_back_and_leaves_the_voucher_paid()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);

        var result = await Get<LegRefunds>().RefundAsync(order.Id, card.Id, Manager);

        Assert.Equal(RefundOutcome.Refunded, result.Outcome);
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!;
        Assert.Equal(OrderStatus.PartiallyRefunded, after.Status);
        var refunded = after.Legs.Single(l => l.Id == card.Id);
        Assert.Equal((LegState.Refunded, 550L), (refunded.State, refunded.RefundedAmount.Cents));
        var last = refunded.Transitions.OrderBy(t => t.At).Last();
        Assert.Equal((LegState.Captured, LegState.Refunded), (last.From, last.To));
        Assert.Contains(Manager, last.Reason);
        Assert.Equal(LegState.Captured, after.Legs.Single(l => l.Kind == LegKind.Voucher).State);
        var atIssuer = Get<AdyenLedger>().FindPayment(card.ProviderReference!)!;
        Assert.Equal(("refunded", 550L), (atIssuer.Status, atIssuer.RefundedAmount));
    }

    [Fact]
    public async Task Refunding_every_leg_refunds_the_order()
    {
        var order = await CheckoutOrders.SplitAsync(app);

        foreach (var leg in order.Legs)
        {
            Assert.Equal(RefundOutcome.Refunded, (await Get<LegRefunds>().RefundAsync(order.Id, leg.Id, Manager)).Outcome);
        }

        Assert.Equal(OrderStatus.Refunded, (await Get<IOrderStore>().FindAsync(order.Id))!.Status);
        Assert.All(order.Legs, l => Assert.Equal("refunded", Get<AdyenLedger>().FindPayment(l.ProviderReference!)!.Status));
    }

    [Fact]
    public async Task A_double_submit_refunds_once()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Get<LegRefunds>().RefundAsync(order.Id, voucher.Id, Manager))));
        var third = await Get<LegRefunds>().RefundAsync(order.Id, voucher.Id, Manager);

        // A second refund sent under a new key would be refused by the sandbox (the payment is no longer captured).
        Assert.All(results, r => Assert.True(r.LegIsRefunded, r.ToString()));
        Assert.Equal(RefundOutcome.AlreadyRefunded, third.Outcome);
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == voucher.Id);
        var call = Assert.Single(after.Calls, c => c.Operation == LegRefunds.RefundOperation);
        Assert.StartsWith("ok", call.Outcome);
        Assert.Single(after.Transitions, t => t.To == LegState.Refunded);
        Assert.Equal(1850, Get<AdyenLedger>().FindPayment(voucher.ProviderReference!)!.RefundedAmount);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_retried_with_the_same_key_and_refunds_once()
    {
        app.Dispose();
        app = new(new Dictionary<string, string?> { ["Payments:Adyen:TimeoutSeconds"] = "3" }, weekdayClock: true);
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        // The refund happens at the provider, but neither the call nor its replay gets an answer.
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.TimeoutAfterCommit, Value: 6000, Times: 2, PathEndsWith: "/refunds"));

        var lost = await Get<LegRefunds>().RefundAsync(order.Id, card.Id, Manager);

        Assert.Equal(RefundOutcome.OutcomeUnknown, lost.Outcome);
        Assert.Equal(LegState.Captured, (await Get<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == card.Id).State);
        Assert.Equal("refunded", Get<AdyenLedger>().FindPayment(card.ProviderReference!)!.Status);

        var retried = await Get<LegRefunds>().RefundAsync(order.Id, card.Id, Manager);

        Assert.Equal(RefundOutcome.Refunded, retried.Outcome);
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == card.Id);
        Assert.Equal(LegState.Refunded, after.State);
        Assert.Single(after.Calls, c => c.Operation == LegRefunds.RefundOperation);
        Assert.Equal(550, Get<AdyenLedger>().FindPayment(card.ProviderReference!)!.RefundedAmount);
    }

    [Fact]
    public async Task The_providers_refusal_is_returned_with_its_code_and_the_leg_stays_captured()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        var ledger = Get<AdyenLedger>();
        var payment = ledger.FindPayment(card.ProviderReference!)!;
        ledger.Refund(payment, payment.CapturedAmount); // refunded in the provider's back office meanwhile

        var result = await Get<LegRefunds>().RefundAsync(order.Id, card.Id, Manager);

        Assert.Equal((RefundOutcome.Refused, "167"), (result.Outcome, result.ProviderCode));
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!;
        Assert.Equal(OrderStatus.Paid, after.Status);
        var leg = after.Legs.Single(l => l.Id == card.Id);
        Assert.Equal(LegState.Captured, leg.State);
        Assert.Equal("167", Assert.Single(leg.Calls, c => c.Operation == LegRefunds.RefundOperation).Outcome);
    }

    [Fact]
    public async Task A_leg_that_took_no_money_cannot_be_refunded()
    {
        var today = ParisCalendar.DayOf(DateTimeOffset.UtcNow);
        var outcome = await Get<Core.Checkout.ConecsCheckout>().PayAsync(new Core.Checkout.ConecsPaymentRequest(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup,
            [CheckoutOrders.Wine], null, Core.Payments.CardDetails.Parse("4000000000000002", "12/30", "737", today).Card, TestPayers.Fresh()), CancellationToken.None);
        var refused = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!;

        var result = await Get<LegRefunds>().RefundAsync(refused.Id, refused.Legs.Single().Id, Manager);

        Assert.Equal(RefundOutcome.NotCaptured, result.Outcome);
        Assert.Equal(RefundOutcome.NotFound, (await Get<LegRefunds>().RefundAsync(refused.Id, Guid.NewGuid(), Manager)).Outcome);
        Assert.DoesNotContain((await Get<IOrderStore>().FindAsync(refused.Id))!.Legs.Single().Calls, c => c.Operation == LegRefunds.RefundOperation);
    }

    public void Dispose() => app.Dispose();
}
