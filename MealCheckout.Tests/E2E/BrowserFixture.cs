using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// One headless Debian Chromium for the whole end-to-end run. Playwright's own browser download
/// is not used: test.sh installs the distribution's chromium, or CHROMIUM_PATH names another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly List<(Uri BaseUri, IBrowserContext Context)> contexts = [];
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {executable}. Run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        }
        Directory.CreateDirectory(ArtifactsDirectory);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium from reaching for the network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A phone-sized page (the diners' usual screen) with a generous default timeout for a busy CI machine.</summary>
    public async Task<IPage> NewPhonePageAsync(Uri baseUri, string locale = "fr-FR")
    {
        await CloseFinishedTestsPagesAsync(baseUri);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = locale,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        contexts.Add((baseUri, context));
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The tests of a collection run one at a time, each against its own app: a page asked for another
    /// app means the tests before are over. Their pages are closed; left open, each keeps trying to
    /// reconnect its circuit to a server that is gone and takes a share of the CPU from the tests after it.
    /// </summary>
    private async Task CloseFinishedTestsPagesAsync(Uri baseUri)
    {
        foreach (var finished in contexts.Where(c => c.BaseUri != baseUri).ToList())
        {
            await finished.Context.CloseAsync();
            contexts.Remove(finished);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The screenshot, traffic and staff-page tests: a second Chromium, so they run beside the checkout
/// flows instead of after them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ScreensCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser screens";
}
