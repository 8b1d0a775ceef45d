using MealCheckout.Core.Checkout;
using MealCheckout.Core.Diagnostics;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Persistence;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MealCheckout.Tests.Integration.Performance;

/// <summary>
/// What one split checkout (a CONECS voucher and a bank card, over real HTTP to the sandbox, on a real
/// SQLite file) costs the database, counted rather than timed, and what it must still write for safety.
/// </summary>
[Collection(RunsAloneCollection.Name)]
public sealed class CheckoutCostTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The bound docs/performance.md gives; the counted figure is there too.</summary>
    private const int MaxSqlCommandsPerSplitCheckout = 20;

    /// <summary>
    /// Each transaction is two more statements (its begin and its commit). A checkout commits the new order with its first
    /// keys, the partial-payment order's reference (before money is held under it), each later key before its call (the
    /// card, two captures) and what is left at the end: six. A provider's answer otherwise rides with the next commit.
    /// </summary>
    private const int MaxTransactionsPerSplitCheckout = 6;

    private readonly SqlCommandCounter sql = new();
    private CommittedKeyWitness? witness;
    private MealCheckoutAppFactory? app;

    private MealCheckoutAppFactory App => app ??= Started();

    private CommittedKeyWitness Witness => witness!;

    [Fact]
    public async Task A_split_checkout_sends_at_most_twenty_sql_commands()
    {
        var (checkout, request) = await ConfirmedSplitAsync();
        var (commandsBefore, transactionsBefore, connectionsBefore) = (sql.Commands, sql.Transactions, sql.ConnectionsOpened);

        var outcome = await checkout.PayAsync(request, CancellationToken.None);

        Assert.True(outcome.Paid, outcome.ToString());
        output.WriteLine($"{sql.Commands - commandsBefore} SQL commands in {sql.Transactions - transactionsBefore} transactions, {sql.ConnectionsOpened - connectionsBefore} connections opened");
        Assert.InRange(sql.Commands - commandsBefore, 1, MaxSqlCommandsPerSplitCheckout);
        Assert.InRange(sql.Transactions - transactionsBefore, 1, MaxTransactionsPerSplitCheckout);
    }

    [Fact]
    public async Task Every_idempotency_key_is_committed_before_its_call_reaches_the_provider()
    {
        var (checkout, request) = await ConfirmedSplitAsync();

        var outcome = await checkout.PayAsync(request, CancellationToken.None);

        Assert.True(outcome.Paid, outcome.ToString());
        var order = (await App.Services.GetRequiredService<IOrderStore>().FindAsync(outcome.OrderId))!;
        var keys = order.Legs.SelectMany(l => l.Calls).Select(c => c.IdempotencyKey).ToList();
        var sent = Witness.Seen.Where(s => keys.Contains(s.Key)).ToList();
        Assert.Equal(5, sent.Count); // open the partial-payment order, pay the voucher, pay the card, capture both
        Assert.All(sent, s => Assert.True(s.Committed, $"{s.Path} was sent before its key {s.Key} was committed"));
    }

    [Fact]
    public async Task A_split_checkout_keeps_every_transition_of_both_legs_for_the_timeline()
    {
        var (checkout, request) = await ConfirmedSplitAsync();

        var outcome = await checkout.PayAsync(request, CancellationToken.None);

        var order = (await App.Services.GetRequiredService<IOrderStore>().FindAsync(outcome.OrderId))!;
        Assert.All(order.Legs, leg => Assert.Equal(
            [(LegState.Planned, LegState.Authorizing), (LegState.Authorizing, LegState.Authorized), (LegState.Authorized, LegState.Captured)],
            leg.Transitions.OrderBy(t => t.At).ThenBy(t => t.To).Select(t => (t.From, t.To))));
        Assert.All(order.Legs.SelectMany(l => l.Calls), c => Assert.True(c.IsCompleted, c.Operation));
    }

    /// <summary>
    /// Code made at run time on every checkout (an EF Core query whose expression differs per call, a compiled
    /// regex or a serializer's options made per call, a resolver compiled per scope) costs JIT time on every
    /// checkout: once warm, a checkout makes none. Warm-up is three checkouts because dependency injection compiles
    /// a service's resolver in the background on its second use. The methods compiled for the first time and the
    /// tiered JIT's recompilation of hot code are the runtime's own warm-up: they are reported, not bounded.
    /// </summary>
    [Fact]
    public async Task A_warm_split_checkout_makes_no_code_at_run_time()
    {
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await PaidSplitAsync();
        }
        using var jit = new JitCompilationWatch();

        jit.Start();
        for (var checkout = 0; checkout < 3; checkout++)
        {
            await PaidSplitAsync();
        }
        var compiled = jit.Stop();

        var firstCompilations = compiled.Where(m => m.FirstCompilation && !m.Dynamic).ToList();
        output.WriteLine($"3 warm checkouts: {compiled.Count} methods compiled, {firstCompilations.Count} of them for the first time:");
        firstCompilations.ForEach(m => output.WriteLine($"  {m}"));
        Assert.Empty(compiled.Where(m => m.IsGeneratedCode).Select(m => m.ToString()));
    }

    private async Task PaidSplitAsync()
    {
        var (checkout, request) = await ConfirmedSplitAsync();
        var outcome = await checkout.PayAsync(request, CancellationToken.None);
        Assert.True(outcome.Paid, outcome.ToString());
    }

    private async Task<(DinerCheckout Checkout, CheckoutPayRequest Request)> ConfirmedSplitAsync()
    {
        var checkout = App.Services.GetRequiredService<DinerCheckout>();
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);
        var voucher = DinerBasket.Voucher(TestCards.Pluxee50);
        var confirmed = (await checkout.PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None)).Split!;
        return (checkout, new CheckoutPayRequest(Guid.NewGuid(), basket, voucher, confirmed, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()));
    }

    private MealCheckoutAppFactory Started()
    {
        var started = new MealCheckoutAppFactory(new Dictionary<string, string?>
        {
            ["Reconciler:IntervalSeconds"] = "3600",
            // The same two test cards pay several checkouts in a minute here.
            ["RateLimits:PaymentPerCardPerMinute"] = "100",
            ["RateLimits:BalanceCheckPerCardPerMinute"] = "100",
            // The provider's notifications are counted apart: each arrives as its own request, whenever it comes.
            ["Sandbox:Adyen:WebhookUrl"] = "",
        }, weekdayClock: true,
            configureServices: services =>
            {
                services.ConfigureDbContext<MealCheckoutDbContext>(options => options.AddInterceptors(sql));
                witness!.AddTo(services);
            });
        witness = new CommittedKeyWitness(started.DatabasePath);
        _ = started.RootUri;
        return started;
    }

    public void Dispose() => app?.Dispose();
}
