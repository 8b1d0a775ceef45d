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
    public async Task Refunding_the_card_and_compensating_the_voucher_gives_the_whole_order_back()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);

        Assert.Equal(RefundOutcome.Refunded, (await Get<LegRefunds>().RefundAsync(order.Id, card.Id, Manager)).Outcome);
        var compensated = await Get<LegRefunds>().DecideAsync(new RefundDecision(order.Id, voucher.Id, RefundAction.Compensate, Money.FromCents(1850), Guid.NewGuid(), "Espèces rendues au comptoir"), Manager);

        Assert.Equal(RefundOutcome.Compensated, compensated.Outcome);
        Assert.Equal(OrderStatus.Refunded, (await Get<IOrderStore>().FindAsync(order.Id))!.Status);
        Assert.Equal(("captured", 0L), (Get<AdyenLedger>().FindPayment(voucher.ProviderReference!)!.Status, Get<AdyenLedger>().FindPayment(voucher.ProviderReference!)!.RefundedAmount));
    }

    [Fact]
    public async Task A_CONECS_voucher_refund_is_refused_by_the_service_itself_and_nothing_reaches_the_provider()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);

        var whole = await Get<LegRefunds>().RefundAsync(order.Id, voucher.Id, Manager);
        var part = await Get<LegRefunds>().DecideAsync(new RefundDecision(order.Id, voucher.Id, RefundAction.Refund, Money.FromCents(500), Guid.NewGuid()), Manager);

        Assert.Equal((RefundOutcome.NotAvailableForIssuer, RefundOutcome.NotAvailableForIssuer), (whole.Outcome, part.Outcome));
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!;
        Assert.Equal(OrderStatus.Paid, after.Status);
        Assert.DoesNotContain(after.Legs.Single(l => l.Id == voucher.Id).Calls, c => c.Operation == LegRefunds.RefundOperation);
        Assert.Equal(("captured", 0L), (Get<AdyenLedger>().FindPayment(voucher.ProviderReference!)!.Status, Get<AdyenLedger>().FindPayment(voucher.ProviderReference!)!.RefundedAmount));
    }

    [Fact]
    public async Task Partial_card_refunds_add_up_to_the_capture_and_never_past_it()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);

        var first = await RefundPartAsync(order, card, 200);
        var second = await RefundPartAsync(order, card, 300);
        var tooMuch = await RefundPartAsync(order, card, 100);
        var rest = await RefundPartAsync(order, card, 50);

        Assert.Equal([RefundOutcome.Refunded, RefundOutcome.Refunded, RefundOutcome.AmountTooHigh, RefundOutcome.Refunded], new[] { first, second, tooMuch, rest }.Select(r => r.Outcome));
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == card.Id);
        Assert.Equal((LegState.Refunded, 550L), (after.State, after.RefundedAmount.Cents));
        Assert.Equal([200L, 300L, 50L], after.Transitions.Where(t => t.Amount is not null).OrderBy(t => t.At).Select(t => t.Amount!.Value.Cents));
        Assert.Equal(3, after.Calls.Count(c => c.Operation == LegRefunds.RefundOperation));
        Assert.Equal(("refunded", 550L), (Get<AdyenLedger>().FindPayment(card.ProviderReference!)!.Status, Get<AdyenLedger>().FindPayment(card.ProviderReference!)!.RefundedAmount));
    }

    [Fact]
    public async Task A_double_submit_refunds_once()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        var decision = new RefundDecision(order.Id, card.Id, RefundAction.Refund, Money.FromCents(200), Guid.NewGuid());

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => Get<LegRefunds>().DecideAsync(decision, Manager))));
        var third = await Get<LegRefunds>().DecideAsync(decision, Manager);

        Assert.All(results.Append(third), r => Assert.True(r.LegIsRefunded, r.ToString()));
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!.Legs.Single(l => l.Id == card.Id);
        var call = Assert.Single(after.Calls, c => c.Operation == LegRefunds.RefundOperation);
        Assert.Equal(decision.RequestId.ToString("N"), call.IdempotencyKey);
        Assert.StartsWith("ok", call.Outcome);
        Assert.Equal((LegState.Captured, 200L), (after.State, after.RefundedAmount.Cents));
        Assert.Single(after.Transitions, t => t.Amount is not null);
        Assert.Equal(200, Get<AdyenLedger>().FindPayment(card.ProviderReference!)!.RefundedAmount);
    }

    [Fact]
    public async Task A_CONECS_voucher_leg_is_given_back_on_the_card_leg_up_to_what_the_card_holds()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);
        var onCard = new RefundDecision(order.Id, voucher.Id, RefundAction.GiveBackOnCard, Money.FromCents(550), Guid.NewGuid());

        var tooMuch = await Get<LegRefunds>().DecideAsync(onCard with { Amount = Money.FromCents(551), RequestId = Guid.NewGuid() }, Manager);
        var given = await Get<LegRefunds>().DecideAsync(onCard, Manager);
        var again = await Get<LegRefunds>().DecideAsync(onCard, Manager);

        Assert.Equal((RefundOutcome.AmountTooHigh, RefundOutcome.Refunded, RefundOutcome.AlreadyRefunded), (tooMuch.Outcome, given.Outcome, again.Outcome));
        var after = (await Get<IOrderStore>().FindAsync(order.Id))!;
        var compensation = Assert.Single(after.Compensations);
        Assert.Equal((voucher.Id, 550L, CompensationWay.OnCardLeg, Manager), (compensation.PaymentLegId, compensation.Amount.Cents, compensation.Way, compensation.RecordedBy));
        Assert.Equal(LegState.Refunded, after.Legs.Single(l => l.Id == card.Id).State);
        Assert.Equal((RefundWay.GiveBackElsewhere, 1300L, 0L), (IssuerRefundRules.ChoiceFor(after, voucher).Way, IssuerRefundRules.ChoiceFor(after, voucher).AtMost.Cents, IssuerRefundRules.ChoiceFor(after, voucher).OnCardAtMost.Cents));
        Assert.Equal(550, Get<AdyenLedger>().FindPayment(card.ProviderReference!)!.RefundedAmount);
        Assert.Equal(0, Get<AdyenLedger>().FindPayment(voucher.ProviderReference!)!.RefundedAmount);
    }

    [Fact]
    public async Task An_off_platform_compensation_shows_in_the_timeline_with_who_and_why_and_in_the_settlement()
    {
        app.Dispose();
        app = new(new Dictionary<string, string?> { ["IssuerCommissions:Bimpli"] = "300", ["IssuerCommissions:BankCard"] = "120" }, weekdayClock: true);
        var order = await CheckoutOrders.SplitAsync(app);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        var card = order.Legs.Single(l => l.Kind == LegKind.Card);

        var compensated = await Get<LegRefunds>().DecideAsync(new RefundDecision(order.Id, voucher.Id, RefundAction.Compensate, Money.FromCents(800), Guid.NewGuid(), "Plat froid : avoir en espèces"), Manager);
        await RefundPartAsync(order, card, 150);

        Assert.Equal(RefundOutcome.Compensated, compensated.Outcome);
        var detail = (await Get<Core.Staff.Detail.OrderDetailQuery>().FindAsync(order.Number))!;
        var entry = Assert.Single(detail.Timeline, e => e.Compensation is not null);
        Assert.Equal((voucher.Id, 800L, "Plat froid : avoir en espèces", Manager), (entry.Leg.Id, entry.Compensation!.Amount.Cents, entry.Compensation.Reason, entry.Compensation.RecordedBy));
        Assert.Equal(150L, Assert.Single(detail.Timeline, e => e.IsPartialRefund).Amount!.Value.Cents);
        Assert.Equal(OrderStatus.PartiallyRefunded, detail.Order.Status);

        var today = ParisCalendar.DayOf(Get<TimeProvider>().GetUtcNow());
        var rows = await Get<Core.Staff.Settlement.SettlementReport>().ForDaysAsync(today, today);
        var bimpli = rows.Single(r => r.Issuer == Core.Staff.Settlement.SettlementIssuer.Bimpli);
        var bank = rows.Single(r => r.Issuer == Core.Staff.Settlement.SettlementIssuer.BankCard);
        Assert.Equal((1850L, 0L, 800L, 56L, 1794L), (bimpli.Captured.Cents, bimpli.Refunded.Cents, bimpli.Compensations.Cents, bimpli.Commission.Cents, bimpli.NetCents));
        Assert.Equal((550L, 150L, 0L, 7L, 393L), (bank.Captured.Cents, bank.Refunded.Cents, bank.Compensations.Cents, bank.Commission.Cents, bank.NetCents));
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

    private Task<RefundResult> RefundPartAsync(Order order, PaymentLeg leg, long cents) =>
        Get<LegRefunds>().DecideAsync(new RefundDecision(order.Id, leg.Id, RefundAction.Refund, Money.FromCents(cents), Guid.NewGuid()), Manager);

    public void Dispose() => app.Dispose();
}
