using MealCheckout.Core.Checkout;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Tests.Integration.Payments;

/// <summary>What one split checkout writes with the app's own logging configuration: the provider calls' lines stay below Information.</summary>
public sealed class CheckoutLogLinesTests
{
    [Fact]
    public async Task A_split_checkout_writes_at_most_three_information_lines_and_one_debug_line_per_provider_call()
    {
        var logs = new CapturedLogs();
        var calls = new ProviderCallCounter();
        using var app = new MealCheckoutAppFactory(new Dictionary<string, string?>
        {
            ["Reconciler:IntervalSeconds"] = "3600",
            ["Logging:LogLevel:MealCheckout.Core.Payments"] = "Debug",
        }, weekdayClock: true, configureServices: services =>
        {
            logs.AddTo(services);
            calls.AddTo(services);
        });
        _ = app.RootUri;
        var checkout = app.Services.GetRequiredService<DinerCheckout>();
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);
        var voucher = DinerBasket.Voucher(TestCards.Pluxee50);
        var confirmed = (await checkout.PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None)).Split!;
        var before = logs.Count;
        var callsBefore = calls.Adyen;

        var outcome = await checkout.PayAsync(new CheckoutPayRequest(Guid.NewGuid(), basket, voucher, confirmed, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

        Assert.True(outcome.Paid, outcome.ToString());
        var written = logs.Entries.Skip(before).ToList();
        Assert.True(written.Count(e => e.Level >= LogLevel.Information) <= 3, string.Join(Environment.NewLine, written.Where(e => e.Level >= LogLevel.Information).Select(e => $"{e.Category}: {e.Message}")));
        var providerLines = written.Where(e => e.Category == typeof(AdyenCheckoutClient).FullName).ToList();
        Assert.All(providerLines, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Equal(calls.Adyen - callsBefore, providerLines.Count);
    }
}
