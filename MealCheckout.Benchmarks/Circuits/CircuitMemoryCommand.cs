using System.Diagnostics;
using System.Globalization;
using MealCheckout.Benchmarks.Chaos;
using Microsoft.Playwright;

namespace MealCheckout.Benchmarks.Circuits;

/// <summary>
/// <c>circuit-memory [circuits]</c>: the retained managed heap of an idle interactive circuit, the app's
/// menu with one dish in the basket beside the smallest interactive page (<see cref="ReferenceApp"/>),
/// both run the same way in the same run: a child process in Development on Kestrel at 127.0.0.1,
/// driven by headless Chromium, its heap read after forced full collections (<see cref="HeapProbe"/>).
/// One circuit is opened first and kept, so start-up caches are not counted against the circuits.
/// With a dump folder, each server's heap is also written there with <c>dotnet-gcdump</c> (a global tool)
/// with one circuit open and again with all of them, to read what a circuit keeps.
/// </summary>
public static class CircuitMemoryCommand
{
    public static async Task RunAsync(int circuits, string? dumpFolder = null)
    {
        var folder = Directory.CreateTempSubdirectory("mealcheckout-circuits-").FullName;
        // A shared two-core machine can take far longer than Playwright's default 5 s to open a circuit.
        Assertions.SetDefaultExpectTimeout(120_000);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"],
        });

        var app = await MeasureAsync(browser, circuits, dumpFolder, "app", "the app's menu, one dish in the basket", (root, environment) => ChildProcess.StartAsync(
            ChaosCommand.BuiltApps().Web,
            ["--urls", root.ToString().TrimEnd('/'), "--ConnectionStrings:MealCheckout", $"Data Source={Path.Combine(folder, "app.db")}", "--Logging:LogLevel:Default", "Warning"],
            environment, Path.Combine(folder, "app.log"), root), OpenMenuWithOneDishAsync);
        var reference = await MeasureAsync(browser, circuits, dumpFolder, "reference", "reference: one interactive counter", (root, environment) => ChildProcess.StartAsync(
            typeof(CircuitMemoryCommand).Assembly.Location,
            ["reference-app", "--urls", root.ToString().TrimEnd('/'), "--Logging:LogLevel:Default", "Warning"],
            environment, Path.Combine(folder, "reference.log"), root), OpenCounterClickedOnceAsync);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per idle circuit: app {app / 1024.0:F1} KiB ({app / 1000.0:F1} KB), reference {reference / 1024.0:F1} KiB, ratio {app / reference:F2}×"));
        Directory.Delete(folder, recursive: true);
    }

    /// <returns>Retained bytes per circuit.</returns>
    private static async Task<double> MeasureAsync(IBrowser browser, int circuits, string? dumpFolder, string shortName, string name,
        Func<Uri, Dictionary<string, string>, Task<ChildProcess>> start, Func<IPage, Task> openAsync)
    {
        var root = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/");
        var probePort = ChildProcess.FreePort();
        var environment = HeapProbe.Environment(probePort);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        await using var server = await start(root, environment);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = root.ToString() });
        context.SetDefaultTimeout(120_000);
        await openAsync(await context.NewPageAsync());
        var before = await HeapProbe.ReadAsync(probePort);
        await GcDump.WriteAsync(dumpFolder, server.Id, $"{shortName}-1.gcdump");

        var clock = Stopwatch.StartNew();
        // A few at a time: the machine has two cores.
        for (var opened = 0; opened < circuits; opened += 4)
        {
            var batch = Math.Min(4, circuits - opened);
            await Task.WhenAll(Enumerable.Range(0, batch).Select(async _ => await openAsync(await context.NewPageAsync())));
        }
        var after = await HeapProbe.ReadAsync(probePort);
        await GcDump.WriteAsync(dumpFolder, server.Id, $"{shortName}-{circuits + 1}.gcdump");
        await context.CloseAsync();

        var perCircuit = (after - before) / (double)circuits;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: heap {before / 1024.0:N0} KiB with one circuit, {after / 1024.0:N0} KiB with {circuits} more ({clock.Elapsed.TotalSeconds:F0} s to open): {perCircuit / 1024.0:F1} KiB per circuit"));
        return perCircuit;
    }

    private static async Task OpenMenuWithOneDishAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("body[data-interactive='true']");
        var dish = page.Locator("[data-testid=menu-item]").First;
        await Assertions.Expect(dish.GetByTestId("add-one")).ToBeEnabledAsync();
        await dish.GetByTestId("add-one").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cart-summary")).ToBeVisibleAsync();
    }

    private static async Task OpenCounterClickedOnceAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("h1[data-interactive]");
        await page.GetByTestId("increment").ClickAsync();
        await Assertions.Expect(page.GetByTestId("count")).ToHaveTextAsync("1");
    }
}
