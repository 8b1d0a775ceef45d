using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// What a diner's phone downloads on a first visit, counted as Chromium counts it on the wire
/// (compressed bodies plus headers), with the browser's cache off. docs/performance.md keeps the figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstLoadWeightTests(BrowserFixture browser) : IDisposable
{
    private const long Budget = 300 * 1000;

    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task The_menu_and_the_checkout_each_load_in_under_300_KB_without_any_font_or_staff_asset()
    {
        var page = await browser.NewPhonePageAsync(app.RootUri);
        var wire = await WireCounter.AttachAsync(page);

        var menu = await wire.CountAsync(() => page.GotoInteractiveAsync("/"));
        var checkout = new CheckoutPage(page);
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.OpenCheckoutAsync();
        // A reload of the checkout with the basket in the tab and the cache off: everything is fetched again, as on a first visit.
        var checkoutLoad = await wire.CountAsync(async () =>
        {
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("body[data-interactive='true']");
            await Assertions.Expect(checkout.PayButton).ToBeVisibleAsync();
        });

        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, "first-load-bytes.txt"),
            $"menu {menu.Bytes.ToString(CultureInfo.InvariantCulture)} bytes\n{menu.Describe()}\n" +
            $"checkout {checkoutLoad.Bytes.ToString(CultureInfo.InvariantCulture)} bytes\n{checkoutLoad.Describe()}\n");
        foreach (var load in new[] { menu, checkoutLoad })
        {
            Assert.True(load.Bytes <= Budget, $"{load.Bytes} bytes transferred:\n{load.Describe()}");
            Assert.DoesNotContain(load.Transfers, t => t.Url.Contains("radzen", StringComparison.OrdinalIgnoreCase) || t.Url.Contains("staff", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(load.Transfers, t => t.Url.EndsWith(".woff2", StringComparison.Ordinal) || t.Url.EndsWith(".woff", StringComparison.Ordinal) || t.Url.EndsWith(".ttf", StringComparison.Ordinal));
        }
        Assert.Contains(menu.Transfers, t => t.Url.EndsWith("MudBlazor.min.css", StringComparison.Ordinal) && t.Bytes < 100_000); // 638 KB uncompressed
    }

    /// <summary>
    /// Chromium's own count of bytes received per request (Network.loadingFinished's encodedDataLength),
    /// for the requests a navigation starts: a frame of the previous page still loading is not counted,
    /// and the count waits until every request it started has ended, so a frame loading late is not missed.
    /// </summary>
    private sealed class WireCounter
    {
        private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

        private readonly ConcurrentDictionary<string, string> urls = new();
        private readonly ConcurrentDictionary<string, long> finished = new();
        private readonly ConcurrentDictionary<string, bool> ended = new();
        private ConcurrentDictionary<string, bool> started = new();
        private DateTime lastStart = DateTime.UtcNow;

        public static async Task<WireCounter> AttachAsync(IPage page)
        {
            var counter = new WireCounter();
            var cdp = await page.Context.NewCDPSessionAsync(page);
            cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                counter.urls[Id(e)] = e!.Value.GetProperty("request").GetProperty("url").GetString()!;
                counter.started[Id(e)] = true;
                counter.lastStart = DateTime.UtcNow;
            };
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                counter.finished[Id(e)] = (long)e!.Value.GetProperty("encodedDataLength").GetDouble();
                counter.ended[Id(e)] = true;
            };
            cdp.Event("Network.loadingFailed").OnEvent += (_, e) => counter.ended[Id(e)] = true;
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
            return counter;
        }

        public async Task<Load> CountAsync(Func<Task> navigate)
        {
            await QuietAsync(started);
            var window = started = new ConcurrentDictionary<string, bool>();
            await navigate();
            await QuietAsync(window);
            return new Load(window.Keys.Where(finished.ContainsKey)
                .Select(id => new Transfer(urls.GetValueOrDefault(id, "?"), finished[id])).ToList());
        }

        // The Blazor circuit's WebSocket never ends; it is one request among the others and is left out.
        private async Task QuietAsync(ConcurrentDictionary<string, bool> requests)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline &&
                   (DateTime.UtcNow - lastStart < Quiet || requests.Keys.Any(id => !ended.ContainsKey(id) && !IsWebSocket(id))))
            {
                await Task.Delay(100);
            }
        }

        private bool IsWebSocket(string id) => urls.GetValueOrDefault(id, "").Contains("/_blazor?", StringComparison.Ordinal);

        private static string Id(JsonElement? e) => e!.Value.GetProperty("requestId").GetString()!;
    }

    private sealed record Transfer(string Url, long Bytes);

    private sealed record Load(IReadOnlyList<Transfer> Transfers)
    {
        public long Bytes => Transfers.Sum(t => t.Bytes);

        public string Describe() => string.Join("\n", Transfers.Select(t =>
            $"  {t.Bytes.ToString(CultureInfo.InvariantCulture),8} {(Uri.TryCreate(t.Url, UriKind.Absolute, out var u) ? u.PathAndQuery : t.Url)}"));
    }

    public void Dispose() => app.Dispose();
}
