using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The Edenred checkout against the sandbox, over real HTTP on loopback, with a real SQLite file
/// and a real Edenred login: what the diner pays, and what Edenred holds afterwards.
/// </summary>
public sealed class EdenredCheckoutTests : IDisposable
{
    private const string Pablo = "lerouxpablo@yopmail.com";
    private const string Visa = "4111111111111111";
    private const string VisaRefused = "4000000000000002";

    // How long a TimeoutAfterCommit fault keeps its answer: well past the client's timeout.
    private const int HeldLonger = 30_000;

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        // Long enough for a busy machine; the faults below hold their answers far longer.
        ["Payments:Edenred:TimeoutSeconds"] = "6",
        // The daily-cap race below pays twenty times with one account and one card; the card limit has its own tests.
        ["RateLimits:PaymentPerCardPerMinute"] = "100",
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        // Passes run only when the test says so, and every open order counts as interrupted.
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
        ["Reconciler:UnknownGiveUpAfterSeconds"] = "0",
    }, weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private EdenredLedger Edenred => Get<EdenredLedger>();

    private static NewOrderLine Steak => new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1);
    private static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    [Fact]
    public async Task Voucher_pays_all_when_everything_is_eligible_and_under_the_cap()
    {
        var login = await LoginAsync(Pablo);

        var outcome = await PayAsync(login, [Steak], null);

        Assert.True(outcome.Paid, outcome.ToString());
        var leg = Assert.Single((await OrderAsync(outcome)).Legs);
        Assert.Equal((LegKind.Voucher, VoucherIssuer.Edenred, LegState.Captured, 1850L), (leg.Kind, leg.Issuer, leg.State, leg.CapturedAmount.Cents));
        var held = Assert.Single(Edenred.Transactions, t => t.AuthorizationId == leg.ProviderReference);
        Assert.Equal(("captured", 1850L, "manual"), (held.Status, held.CapturedAmount, held.CaptureMode));
    }

    [Fact]
    public async Task Voucher_pays_the_eligible_part_and_the_card_the_rest()
    {
        var login = await LoginAsync(Pablo);

        var outcome = await PayAsync(login, [Steak, Wine], Visa);

        var order = await AssertPaidAsync(outcome, voucherCents: 1850, cardCents: 550);
        Assert.Equal(550, Get<AdyenLedger>().Payments.Single(p => p.MerchantReference.StartsWith(order.Number, StringComparison.Ordinal)).CapturedAmount);
        var authorize = order.Legs.Single(l => l.Kind == LegKind.Voucher).Calls.Single(c => c.Operation == EdenredLegActions.AuthorizeOperation);
        Assert.EndsWith("Z", authorize.IdempotencyKey, StringComparison.Ordinal); // the tstamp Edenred saw
    }

    [Fact]
    public async Task A_low_balance_pays_what_it_can_and_the_card_pays_the_difference()
    {
        var login = await LoginAsync("low.balance@yopmail.com");

        var outcome = await PayAsync(login, [Steak], Visa);

        await AssertPaidAsync(outcome, voucherCents: 700, cardCents: 1150);
    }

    [Fact]
    public async Task Voucher_part_under_minimum_goes_to_card()
    {
        var login = await LoginAsync(Pablo);
        var coffee = new NewOrderLine("Café", ItemKind.SoftDrink, Money.FromCents(120), 1);
        var beer = new NewOrderLine("Bière", ItemKind.Alcohol, Money.FromCents(480), 1);

        var outcome = await PayAsync(login, [coffee, beer], Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        var leg = Assert.Single((await OrderAsync(outcome)).Legs);
        Assert.Equal((LegKind.Card, 600L), (leg.Kind, leg.CapturedAmount.Cents));
        Assert.DoesNotContain(Edenred.Transactions, t => t.Username == Pablo);
    }

    [Fact]
    public async Task When_the_daily_cap_is_already_reached_the_card_pays_everything()
    {
        var login = await LoginAsync(Pablo);
        var groupMenu = new NewOrderLine("Menu groupe", ItemKind.Food, Money.FromCents(1900), 1);
        Assert.True((await PayAsync(login, [groupMenu], null)).Paid);

        var outcome = await PayAsync(await LoginAsync(Pablo), [Steak], Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        Assert.Equal(LegKind.Card, Assert.Single((await OrderAsync(outcome)).Legs).Kind);
        Assert.Single(Edenred.Transactions, t => t.Username == Pablo);
    }

    [Fact]
    public async Task Spending_already_made_today_at_edenred_leaves_the_rest_to_the_card()
    {
        var login = await LoginAsync("spent.today@yopmail.com"); // EUR 12.00 already spent today, limit 19.00

        var outcome = await PayAsync(login, [Steak], Visa);

        await AssertPaidAsync(outcome, voucherCents: 700, cardCents: 1150);
    }

    [Fact]
    public async Task A_refused_bank_card_cancels_the_edenred_authorisation_and_nothing_stays_held()
    {
        var login = await LoginAsync(Pablo);

        var outcome = await PayAsync(login, [Steak, Wine], VisaRefused);

        Assert.Equal(CheckoutFailure.CardRefused, outcome.Failure);
        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Failed, order.Status);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        Assert.Equal(LegState.Cancelled, voucher.State);
        var atEdenred = Assert.Single(Edenred.Transactions, t => t.AuthorizationId == voucher.ProviderReference);
        Assert.Equal(("cancelled", 0L, 0L), (atEdenred.Status, atEdenred.HeldAmount, atEdenred.CapturedAmount));
        Assert.Equal(10_000, Edenred.Available(Pablo));
    }

    [Fact]
    public async Task An_edenred_refusal_keeps_its_code_and_takes_nothing()
    {
        var login = await LoginAsync("blocked.card@yopmail.com");

        var outcome = await PayAsync(login, [Steak, Wine], Visa);

        Assert.Equal((CheckoutFailure.VoucherRefused, "CARD_BLOCKED"), (outcome.Failure, outcome.ProviderCode));
        Assert.DoesNotContain(Get<AdyenLedger>().Payments, p => p.HeldAmount > 0 || p.CapturedAmount > 0);
    }

    [Fact]
    public async Task A_timeout_after_edenred_took_the_authorisation_ends_with_exactly_one_charge()
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Match: Pablo, Value: HeldLonger, PathEndsWith: "/v2/transactions"));

        var outcome = await PayAsync(login, [Steak, Wine], Visa);

        Assert.True(outcome.Paid, outcome.ToString());
        var charge = Assert.Single(Edenred.Transactions, t => t.Username == Pablo);
        Assert.Equal(("captured", 1850L), (charge.Status, charge.CapturedAmount));
    }

    [Fact]
    public async Task A_timeout_after_the_capture_is_resolved_by_reading_the_transaction()
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Value: HeldLonger, PathEndsWith: "/actions/capture"));

        var outcome = await PayAsync(login, [Steak], null);

        Assert.True(outcome.Paid, outcome.ToString());
        var charge = Assert.Single(Edenred.Transactions, t => t.Username == Pablo);
        Assert.Equal(("captured", 1850L), (charge.Status, charge.CapturedAmount));
    }

    [Fact]
    public async Task A_capture_edenred_refuses_releases_the_card_and_the_voucher()
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.ErrorCode, Code: "TEMPORARY_HOLD", PathEndsWith: "/actions/capture"));

        var outcome = await PayAsync(login, [Steak, Wine], Visa);

        Assert.Equal((CheckoutFailure.VoucherRefused, "TEMPORARY_HOLD"), (outcome.Failure, outcome.ProviderCode));
        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Equal(("cancelled", 0L), (Edenred.Transactions.Single().Status, Edenred.Transactions.Single().HeldAmount));
        var card = Get<AdyenLedger>().Payments.Single(p => p.MerchantReference.StartsWith(order.Number, StringComparison.Ordinal));
        Assert.Equal((0L, 0L), (card.HeldAmount, card.CapturedAmount));
    }

    [Fact]
    public async Task After_login_the_diner_sees_the_balance_and_the_split_with_its_reason()
    {
        var login = await LoginAsync(Pablo);

        var balance = await Get<EdenredCheckout>().BalanceAsync(login, CancellationToken.None);
        var (available, plan, refusal) = await Get<EdenredCheckout>().PreviewAsync(login, [Steak, Wine], TestPayers.Fresh(), CancellationToken.None);

        Assert.Equal(1900, balance?.Cents); // EUR 100.00 on the account, EUR 19.00 spendable today
        Assert.Null(refusal);
        Assert.Equal(1850, available?.Cents);
        Assert.Equal((1850L, 550L, SplitLimit.EligibleAmount), (plan!.VoucherPart.Cents, plan.CardPart.Cents, plan.Limit));
        Assert.Empty(Edenred.Transactions); // looking holds nothing
    }

    [Fact]
    public async Task Pressing_pay_twice_pays_once()
    {
        var login = await LoginAsync(Pablo);
        var checkoutId = login.CheckoutId;

        var first = await PayAsync(login, [Steak], null, checkoutId);
        var second = await PayAsync(login, [Steak], null, checkoutId);

        Assert.True(first.Paid);
        Assert.Equal(first.OrderId, second.OrderId);
        Assert.Single(Edenred.Transactions, t => t.Username == Pablo);
    }

    [Fact]
    public async Task Twenty_concurrent_checkouts_on_one_account_never_pass_its_daily_cap()
    {
        var login = await LoginAsync(Pablo);
        var salad = new NewOrderLine("Salade", ItemKind.Food, Money.FromCents(400), 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => PayAsync(login, [salad], Visa))));

        Assert.All(outcomes, o => Assert.True(o.Paid, o.ToString()));
        var onVoucher = Edenred.Transactions.Where(t => t.Username == Pablo && t.Status == "captured").Sum(t => t.CapturedAmount);
        Assert.InRange(onVoucher, 1500, 1900);
        var orders = await Task.WhenAll(outcomes.Select(OrderAsync));
        Assert.Equal(onVoucher, orders.SelectMany(o => o.Legs).Where(l => l.Kind == LegKind.Voucher).Sum(l => l.CapturedAmount.Cents));
        Assert.Equal(20 * 400, orders.Sum(o => o.PaidAmount.Cents));
    }

    [Fact]
    public async Task An_expired_access_token_is_refreshed_once_and_the_payment_goes_through()
    {
        var login = await LoginAsync(Pablo);
        var stored = (await Get<EdenredSignIns>().FindAsync(login.SignInId, login.CheckoutId, CancellationToken.None))!;
        // The sandbox answers an expired token as it answers an unknown one: 401 INVALID_TOKEN.
        await Get<EdenredSignIns>().ReplaceTokensAsync(login.SignInId, stored.Tokens with { AccessToken = "expired-access-token" }, CancellationToken.None);

        var outcome = await PayAsync(login, [Steak], null);

        Assert.True(outcome.Paid, outcome.ToString());
        var refreshed = (await Get<EdenredSignIns>().FindAsync(login.SignInId, login.CheckoutId, CancellationToken.None))!;
        Assert.NotEqual(stored.Tokens.RefreshToken, refreshed.Tokens.RefreshToken); // rotated
        Assert.NotEqual("expired-access-token", refreshed.Tokens.AccessToken);
    }

    [Fact]
    public async Task A_refused_refresh_asks_the_diner_to_log_in_again_and_forgets_the_login()
    {
        var login = await LoginAsync(Pablo);
        var stored = (await Get<EdenredSignIns>().FindAsync(login.SignInId, login.CheckoutId, CancellationToken.None))!;
        await Get<EdenredSignIns>().ReplaceTokensAsync(login.SignInId, stored.Tokens with { AccessToken = "expired", RefreshToken = "revoked" }, CancellationToken.None);

        var outcome = await PayAsync(login, [Steak], null);

        Assert.Equal(CheckoutFailure.EdenredLoginRequired, outcome.Failure);
        Assert.Null(await Get<EdenredSignIns>().FindAsync(login.SignInId, login.CheckoutId, CancellationToken.None));
        Assert.DoesNotContain(Edenred.Transactions, t => t.Username == Pablo);
    }

    [Fact]
    public async Task Tokens_are_stored_encrypted_never_in_clear()
    {
        var login = await LoginAsync(Pablo);
        var tokens = (await Get<EdenredSignIns>().FindAsync(login.SignInId, login.CheckoutId, CancellationToken.None))!.Tokens;

        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath}");
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT protected_tokens FROM edenred_sign_ins";
        var stored = (string)(await read.ExecuteScalarAsync())!;

        Assert.DoesNotContain(tokens.AccessToken, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.RefreshToken, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.IdToken, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_made_for_another_checkout_cannot_pay_this_one()
    {
        var login = await LoginAsync(Pablo);

        var outcome = await Get<EdenredCheckout>().PayAsync(new EdenredPaymentRequest(Draft([Steak], Guid.NewGuid()), login with { CheckoutId = Guid.NewGuid() }, null, TestPayers.Fresh()), CancellationToken.None);

        Assert.Equal(CheckoutFailure.EdenredLoginRequired, outcome.Failure);
        Assert.Empty(Edenred.Transactions);
    }

    [Fact]
    public async Task A_card_payment_whose_answer_is_lost_is_cancelled_by_its_reference_and_the_voucher_released()
    {
        var login = await LoginAsync(Pablo);
        // The card's answer is lost (no notification either): the checkout stops with the voucher held.
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "1111", Times: 6));
        var outcome = await PayAsync(login, [Steak, Wine], Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        Assert.Equal(1850, Assert.Single(Edenred.Transactions, t => t.Username == Pablo).HeldAmount);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await OrderAsync(outcome);
        Assert.Equal(("cancelled", 0L), (Edenred.Transactions.Single(t => t.Username == Pablo).Status, Edenred.Transactions.Single(t => t.Username == Pablo).HeldAmount));
        // Nothing says whether the card payment reached the bank: a technical cancel by its reference releases it either way.
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Equal(LegState.Cancelled, order.Legs.Single(l => l.Kind == LegKind.Card).State);
        Assert.All(Get<AdyenLedger>().Payments, p => Assert.Equal(0, p.HeldAmount));
    }

    [Fact]
    public async Task A_refused_capture_then_a_cancel_and_status_reads_whose_answers_are_lost_never_take_the_card()
    {
        var login = await LoginAsync(Pablo);
        var faults = Get<SandboxFaults>();
        faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.ErrorCode, Code: "TEMPORARY_HOLD", PathEndsWith: "/actions/capture"));
        // Every attempt of the cancel loses its answer (the client replays a lost write twice with its tstamp).
        faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Value: 200, Times: 3, PathEndsWith: "/actions/cancel"));
        // The status read after the refused capture answers; those after the lost cancel do not (a read is tried three times).
        faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.Latency, Value: 1, Method: "GET"));
        faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.DropConnection, Times: 3, Method: "GET"));

        var outcome = await PayAsync(login, [Steak, Wine], Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        Assert.Equal("cancelled", Edenred.Transactions.Single().Status);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);
        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.All(order.Legs, l => Assert.Equal(LegState.Cancelled, l.State));
        ProviderMoney.Of(order.Number, Edenred, Get<AdyenLedger>()).AssertInPlace(order);
    }

    [Fact]
    public async Task A_voucher_found_cancelled_when_the_reconciler_captures_releases_the_card_instead_of_taking_it()
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.DropConnection, Times: 3, PathEndsWith: "/actions/capture"));
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.DropConnection, Times: 3, Method: "GET"));
        var outcome = await PayAsync(login, [Steak, Wine], Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        // Meanwhile the authorisation lapsed at Edenred.
        Edenred.Cancel(Edenred.Transactions.Single());

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Failed, order.Status);
        ProviderMoney.Of(order.Number, Edenred, Get<AdyenLedger>()).AssertInPlace(order);
    }

    [Theory]
    [InlineData("DECLINED")]
    [InlineData("TEMPORARY_HOLD")]
    public async Task An_authorisation_replay_refused_after_a_lost_answer_is_not_taken_as_a_refusal(string replayAnswer)
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Match: Pablo, Value: 200, PathEndsWith: "/v2/transactions"));
        // Refused twice: the client's own replay of the lost call, then the checkout's.
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.ErrorCode, Code: replayAnswer, Match: Pablo, Times: 2, PathEndsWith: "/v2/transactions"));

        var outcome = await PayAsync(login, [Steak, Wine], Visa);

        // The first call may hold the money: the diner is not told that nothing was charged.
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        Assert.Equal(OrderStatus.Open, (await OrderAsync(outcome)).Status);
        Assert.Equal(1850, Assert.Single(Edenred.Transactions).HeldAmount);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Equal(("cancelled", 0L), (Edenred.Transactions.Single().Status, Edenred.Transactions.Single().HeldAmount));
        ProviderMoney.Of(order.Number, Edenred, Get<AdyenLedger>()).AssertInPlace(order);
    }

    [Fact]
    public async Task An_authorisation_the_reconciler_cannot_resolve_is_left_to_check_then_released_when_it_can()
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Match: Pablo, Value: 200, PathEndsWith: "/v2/transactions"));
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.ErrorCode, Code: "DECLINED", Match: Pablo, Times: 3, PathEndsWith: "/v2/transactions"));
        var outcome = await PayAsync(login, [Steak, Wine], Visa);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var toCheck = await OrderAsync(outcome);
        Assert.Equal((OrderStatus.ToCheck, CheckReason.OutcomeUnknown), (toCheck.Status, toCheck.CheckReason));
        Assert.Equal(1850, Edenred.Transactions.Single().HeldAmount);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var released = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Failed, released.Status);
        ProviderMoney.Of(released.Number, Edenred, Get<AdyenLedger>()).AssertInPlace(released);
    }

    [Fact]
    public async Task A_restart_after_both_authorisations_lets_the_reconciler_capture_them()
    {
        var login = await LoginAsync(Pablo);
        // The capture's three attempts and the three of the checkout's replay all lose their answer.
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.DropConnection, Times: 6, PathEndsWith: "/actions/capture"));
        var outcome = await PayAsync(login, [Steak, Wine], Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(("captured", 1850L), (Edenred.Transactions.Single(t => t.Username == Pablo).Status, Edenred.Transactions.Single(t => t.Username == Pablo).CapturedAmount));
    }

    [Fact]
    public async Task An_authorisation_whose_answer_never_came_is_replayed_by_the_reconciler_and_released()
    {
        var login = await LoginAsync(Pablo);
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.TimeoutAfterCommit, Match: Pablo, Value: HeldLonger, Times: 2, PathEndsWith: "/v2/transactions"));
        var outcome = await PayAsync(login, [Steak, Wine], Visa);
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);
        Assert.Equal(1850, Assert.Single(Edenred.Transactions, t => t.Username == Pablo).HeldAmount);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(OrderStatus.Failed, (await OrderAsync(outcome)).Status);
        var only = Assert.Single(Edenred.Transactions, t => t.Username == Pablo); // the replay found the first hold, it did not make a second
        Assert.Equal(("cancelled", 0L), (only.Status, only.HeldAmount));
        Assert.DoesNotContain(Get<AdyenLedger>().Payments, p => p.HeldAmount > 0 || p.CapturedAmount > 0);
    }

    [Fact]
    public async Task A_manager_refunds_a_captured_leg_in_full_once()
    {
        var login = await LoginAsync(Pablo);
        var outcome = await PayAsync(login, [Steak], null);
        var order = await OrderAsync(outcome);
        var leg = Assert.Single(order.Legs);

        var refunds = Get<LegRefunds>();
        Assert.Equal(RefundWay.RefundInFull, IssuerRefundRules.ChoiceFor(order, leg).Way);
        var part = await refunds.DecideAsync(new RefundDecision(order.Id, leg.Id, RefundAction.Refund, Money.FromCents(500), Guid.NewGuid()), "manager@mealcheckout.test");
        Assert.Equal(RefundOutcome.NotAvailableForIssuer, part.Outcome); // Edenred answers PARTIAL_REVERSALS_NOT_ALLOWED: nothing is sent
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => refunds.RefundAsync(outcome.OrderId, leg.Id, "manager@mealcheckout.test"))));

        Assert.All(results, r => Assert.True(r.LegIsRefunded, r.ToString()));
        var refunded = Assert.Single((await OrderAsync(outcome)).Legs);
        Assert.Equal((LegState.Refunded, 1850L), (refunded.State, refunded.RefundedAmount.Cents));
        Assert.EndsWith("Z", Assert.Single(refunded.Calls, c => c.Operation == LegRefunds.RefundOperation).IdempotencyKey, StringComparison.Ordinal);
        Assert.Equal(("refunded", 1850L), (Edenred.Transactions.Single().Status, Edenred.Transactions.Single().RefundedAmount));
        Assert.Equal(10_000, Edenred.Available(Pablo));
    }

    private Task<EdenredLoginReference> LoginAsync(string email) => EdenredLogin.SignInForCheckoutAsync(app.RootUri, Get<EdenredSignIns>(), email);

    private Task<CheckoutOutcome> PayAsync(EdenredLoginReference login, NewOrderLine[] lines, string? bankNumber, Guid? checkoutId = null)
    {
        var today = ParisCalendar.DayOf(Get<TimeProvider>().GetUtcNow());
        var bank = bankNumber is null ? null : CardDetails.Parse(bankNumber, "12/30", "737", today).Card;
        return Get<EdenredCheckout>().PayAsync(new EdenredPaymentRequest(Draft(lines, checkoutId ?? Guid.NewGuid()), login, bank, TestPayers.Fresh()), CancellationToken.None);
    }

    private static OrderDraft Draft(NewOrderLine[] lines, Guid checkoutId) =>
        new(checkoutId, DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines);

    /// <summary>The order is paid, split as the diner was told.</summary>
    private async Task<Order> AssertPaidAsync(CheckoutOutcome outcome, long voucherCents, long cardCents)
    {
        Assert.True(outcome.Paid, outcome.ToString());
        var order = await OrderAsync(outcome);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(voucherCents, order.Legs.Single(l => l.Kind == LegKind.Voucher).CapturedAmount.Cents);
        Assert.Equal(cardCents, order.Legs.Single(l => l.Kind == LegKind.Card).CapturedAmount.Cents);
        return order;
    }

    private async Task<Order> OrderAsync(CheckoutOutcome outcome) => (await Get<IOrderStore>().FindAsync(outcome.OrderId))!;

    public void Dispose() => app.Dispose();
}
