using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MealCheckout.Core.Orders;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// A diner in Chromium pays through nginx in front of two app instances on one PostgreSQL database, the
/// providers being the sandbox's own process (its ledgers read over its control API). Then the instance
/// the diner is on dies in the middle of a payment: the page comes back through nginx on the other
/// instance, shows the checkout as the database has it, and the survivor's reconciler ends it once.
/// The sandbox runs on the machine's clock: the voucher card is one allowed on Sundays and holidays.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoInstancesBehindNginxTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string BimpliAnyDay = "5038 1100 0000 0069";
    private const string Visa = "4111 1111 1111 1111";
    private const string Nbsp = "\u00a0";

    private readonly ConcurrentQueue<string> pageUpstreams = new();
    private TwoInstancesBehindNginx deployment = default!;
    private PageRecording? recording;
    private string logName = "nginx-test";

    public async Task InitializeAsync() => deployment = await TwoInstancesBehindNginx.StartAsync(new Dictionary<string, string>
    {
        // Longer than the card call is held below: the instance is killed while it waits, not after giving up.
        ["Payments:Adyen:TimeoutSeconds"] = "60",
        // The survivor looks for interrupted checkouts every two seconds, and takes one ten seconds after it started.
        ["Reconciler:IntervalSeconds"] = "2",
        ["Reconciler:StaleAfterSeconds"] = "10",
        // Log lines stamped in UTC, as the page's recording is, to be read side by side when the test fails.
        ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging:Console:UseUtcTimestamp"] = "true",
    });

    [Fact]
    public async Task A_split_is_paid_through_nginx_with_the_card_fields_from_the_sandbox_service()
    {
        var checkout = await SteakAndWineAtCheckoutAsync();
        await Assertions.Expect(checkout.Page.Locator("[data-testid=voucher-card-number] iframe"))
            .ToHaveAttributeAsync("src", new Regex("^" + Regex.Escape(deployment.Sandbox.RootUri.ToString())));

        await checkout.PayAsync();

        await checkout.Page.WaitForURLAsync("**/receipt/**");
        await Assertions.Expect(checkout.Page.GetByTestId("receipt-leg")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(checkout.Page, "nginx-1-receipt");
        var order = await deployment.SingleOrderAsync();
        Assert.Equal(OrderStatus.Paid, order.Status);
        var issuer = (await deployment.Sandbox.StateAsync()).Adyen;
        Assert.Equal(("captured", 1850L), Charged(issuer, order, LegKind.Voucher));
        Assert.Equal(("captured", 550L), Charged(issuer, order, LegKind.Card));
        Assert.All(issuer.Payments, p => Assert.Equal(0, p.HeldAmount));
    }

    [Fact]
    public async Task The_instance_serving_the_diner_dies_mid_payment_and_the_other_one_ends_the_payment_once()
    {
        var checkout = await SteakAndWineAtCheckoutAsync();
        var serving = deployment.InstanceNamed(pageUpstreams.Last());
        var survivor = deployment.OtherThan(serving);
        // The card's authorisation is held at the provider: the voucher is authorised, the card call is in flight.
        await deployment.Sandbox.ArmAsync(new SandboxFault(FaultTarget.Adyen, FaultKind.Latency, Match: "1111", Value: 120_000, PathEndsWith: "/payments"));
        await checkout.PayAsync();
        await WaitUntilTheCardCallIsHeldAsync();

        serving.Kill();

        // Blazor finds its circuit gone, reloads the page, nginx sends it to the survivor, which reads the checkout from the database.
        await Assertions.Expect(checkout.Page.GetByTestId("payment-error")).ToContainTextAsync("Rien n’a été débité", new() { Timeout = 120_000 });
        await Assertions.Expect(checkout.Page.GetByTestId("order-number")).ToContainTextAsync("Numéro de commande");
        await BrowserFixture.ScreenshotAsync(checkout.Page, "nginx-2-instance-died-payment-released");
        Assert.Equal(survivor, deployment.InstanceNamed(pageUpstreams.Last()));
        var order = await deployment.SingleOrderAsync();
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Matches($"Reconciler moved order {order.Number} from (Open|ToCheck) to Failed", survivor.Output);
        var issuer = (await deployment.Sandbox.StateAsync()).Adyen;
        var voucher = Assert.Single(issuer.Payments);
        Assert.Equal(("0069", "cancelled", 0L, 0L), (voucher.CardLast4, voucher.Status, voucher.HeldAmount, voucher.CapturedAmount));
        Assert.Equal("cancelled", Assert.Single(issuer.Orders).Status);
    }

    /// <summary>Menu to checkout through nginx, with a Bimpli card checked and a bank card typed: the split is on screen, ready to pay.</summary>
    private async Task<CheckoutPage> SteakAndWineAtCheckoutAsync([CallerMemberName] string test = "")
    {
        logName = "nginx-" + test;
        var page = await browser.NewPhonePageAsync(deployment.RootUri, "fr-FR");
        recording = await PageRecording.StartAsync(page);
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Headers.TryGetValue(NginxProxy.UpstreamHeader.ToLowerInvariant(), out var upstream))
            {
                pageUpstreams.Enqueue(upstream);
            }
        };
        var checkout = await CheckoutPage.WithSteakAndWineAsync(page);
        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", BimpliAnyDay);
        // Pressed once: on this busy deployment the server often reads the press before it has heard that the
        // card's frames are mounted (the diner typed in them already), and the press must still check the card.
        await checkout.CheckBalanceAsync();
        // The balance is asked through two processes besides the app's: patient on a busy machine.
        await Assertions.Expect(page.GetByTestId("split-voucher")).ToHaveTextAsync($"18,50{Nbsp}€", new() { Timeout = 30_000 });
        await checkout.FillCardAsync("bank-card", Visa);
        return checkout;
    }

    /// <summary>Until the provider holds the card's request (its latency fault is used up) after authorising the voucher.</summary>
    private async Task WaitUntilTheCardCallIsHeldAsync()
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var state = await deployment.Sandbox.StateAsync();
            if (state.Faults.Length == 0 && state.Adyen.Payments.Any(p => p.CardLast4 == "0069" && p.Status == "authorised"))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The card's authorisation never reached the provider.");
    }

    private static (string Status, long Captured) Charged(SandboxState.AdyenState issuer, Order order, LegKind kind)
    {
        var reference = order.Legs.Single(l => l.Kind == kind).ProviderReference;
        var payment = issuer.Payments.Single(p => p.PspReference == reference);
        return (payment.Status, payment.CapturedAmount);
    }

    public async Task DisposeAsync()
    {
        if (deployment is not null)
        {
            await deployment.SaveLogsAsync(BrowserFixture.ArtifactsDirectory, logName);
            if (recording is not null)
            {
                await recording.SaveAsync(BrowserFixture.ArtifactsDirectory, logName);
            }
            await deployment.DisposeAsync();
        }
    }
}
