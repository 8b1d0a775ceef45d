using System.Text;
using System.Text.RegularExpressions;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// Proof that card numbers and CVCs never reach the restaurant's server: every WebSocket frame of the
/// Blazor circuit and every HTTP request the page sends to the app's own paths is recorded during a
/// CONECS voucher + bank card split payment, then searched, as are the database, its WAL and the logs.
/// </summary>
[Collection(ScreensCollection.Name)]
public sealed partial class CardDataTrafficTests : IDisposable
{
    private const string Cvc = "737";

    private static readonly string[] CardNumbers = [TestCards.Bimpli50, TestCards.Visa];

    private static readonly Dictionary<string, string?> DebugLogging = new() { ["Logging:LogLevel:Default"] = "Debug" };

    private readonly BrowserFixture browser;
    private readonly CapturedLogs logs = new();
    private readonly MealCheckoutAppFactory app;

    public CardDataTrafficTests(BrowserFixture browser)
    {
        this.browser = browser;
        app = new MealCheckoutAppFactory(DebugLogging, weekdayClock: true, configureServices: logs.AddTo);
    }

    [Fact]
    public async Task A_voucher_and_bank_card_split_sends_no_card_number_or_cvc_to_the_app_and_leaves_none_at_rest()
    {
        var page = await browser.NewPhonePageAsync(app.RootUri);
        var recorded = Record(page);
        var checkout = await CheckoutPage.WithSteakAndWineAsync(page);

        await checkout.ChooseBrandAsync("bimpli");
        await checkout.FillCardAsync("voucher-card", Spaced(TestCards.Bimpli50), cvc: Cvc);
        await checkout.CheckBalanceAsync();
        // Debug logging makes the balance check slower than usual.
        await Assertions.Expect(page.GetByTestId("split-card")).ToHaveTextAsync("5,50\u00a0€", new() { Timeout = 30_000 });
        await checkout.FillCardAsync("bank-card", TestCards.Visa, cvc: Cvc);
        await Assertions.Expect(page.GetByTestId("bank-card-summary")).ToHaveTextAsync("Visa ••••\u00a01111");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await checkout.PayAsync();
        await page.WaitForURLAsync(new Regex("/receipt/"));
        await Assertions.Expect(page.GetByTestId("receipt-leg").Last).ToContainTextAsync("Carte Visa ••••\u00a01111");

        // The cards did travel, encrypted, through the page to the provider, which read them.
        var adyen = app.Services.GetRequiredService<AdyenLedger>();
        Assert.Equal(1850, adyen.Payments.Single(p => p.CardNumber == TestCards.Bimpli50).CapturedAmount);
        Assert.Equal(550, adyen.Payments.Single(p => p.CardNumber == TestCards.Visa).CapturedAmount);
        var traffic = string.Join("\n", recorded);
        Assert.Contains("encryptedCardNumber", traffic);
        Assert.True(recorded.Count > 20, $"only {recorded.Count} messages recorded");

        AssertNoCardData("the page's traffic to the app", traffic);
        AssertNoCardData("the logs", string.Join("\n", logs.Entries.Select(e => $"{e.Category} {e.Message} {e.Exception}")));
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            AssertNoCardData(Path.GetFileName(file), await ReadSharedAsync(file));
        }
    }

    [Fact]
    public async Task The_card_fields_are_labelled_reachable_by_tab_in_order_and_pass_axe()
    {
        var page = await browser.NewPhonePageAsync(app.RootUri);
        await page.GotoInteractiveAsync("/");
        var checkout = new CheckoutPage(page);
        await checkout.AddFromMenuAsync("Steak frites");
        await checkout.OpenCheckoutAsync();
        await checkout.ChooseBrandAsync("card-only");

        var number = checkout.CardField("bank-card", "number");
        await number.FocusAsync();
        await number.PressSequentiallyAsync("4111111111111");
        await Assertions.Expect(number).ToHaveValueAsync("4111 1111 1111 1");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(checkout.CardField("bank-card", "expiry")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("0320");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(checkout.CardField("bank-card", "cvc")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("7");
        await checkout.PayAsync();

        // Every problem at once, each under its own field, in the page's language.
        await Assertions.Expect(checkout.CardFieldError("bank-card", "number")).ToHaveTextAsync("Ce numéro de carte n’est pas valide : vérifiez les chiffres.");
        await Assertions.Expect(checkout.CardFieldError("bank-card", "expiry")).ToHaveTextAsync("Cette carte est expirée.");
        await Assertions.Expect(checkout.CardFieldError("bank-card", "cvc")).ToHaveTextAsync("Le cryptogramme compte 3 ou 4 chiffres.");
        await Assertions.Expect(page.FrameLocator("[data-testid=bank-card-number] iframe").GetByLabel("Numéro de carte")).ToHaveAttributeAsync("autocomplete", "cc-number");
        await Assertions.Expect(page.Locator("[data-testid=bank-card-cvc] iframe")).ToHaveAttributeAsync("title", new Regex("Cryptogramme"));
        Assert.Empty(app.Services.GetRequiredService<AdyenLedger>().Payments);
        await BrowserFixture.ScreenshotAsync(page, "secured-fields-errors-fr");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The frame on its own, as a screen reader meets it.
        var frame = await browser.NewPhonePageAsync(app.RootUri);
        await frame.GotoAsync($"sandbox/adyen/checkout/v71/securedfields/frame/number?origin={Uri.EscapeDataString(app.RootUri.GetLeftPart(UriPartial.Authority))}&kind=card&lang=fr");
        await Accessibility.AssertNoSeriousViolationsAsync(frame);
    }

    /// <summary>Every WebSocket frame (both ways) and every request the page sends to the app's own paths, as text.</summary>
    private List<string> Record(IPage page)
    {
        var recorded = new List<string>();
        void Add(string text)
        {
            lock (recorded)
            {
                recorded.Add(text);
            }
        }
        page.WebSocket += (_, socket) =>
        {
            socket.FrameSent += (_, frame) => Add(AsText(frame));
            socket.FrameReceived += (_, frame) => Add(AsText(frame));
        };
        page.Request += (_, request) =>
        {
            if (!new Uri(request.Url).AbsolutePath.StartsWith("/sandbox/", StringComparison.Ordinal))
            {
                Add(request.Url + " " + (request.PostDataBuffer is { } body ? Encoding.Latin1.GetString(body) : ""));
            }
        };
        return recorded;
    }

    // Blazor's circuit speaks MessagePack: its strings are plain UTF-8 inside the binary frames.
    private static string AsText(IWebSocketFrame frame) => frame.Text ?? Encoding.Latin1.GetString(frame.Binary ?? []);

    private static void AssertNoCardData(string where, string text)
    {
        foreach (var number in CardNumbers)
        {
            Assert.False(text.Contains(number, StringComparison.Ordinal), $"{where} holds the card number {number}");
            Assert.False(text.Contains(Spaced(number), StringComparison.Ordinal), $"{where} holds the card number {Spaced(number)}");
        }
        Assert.False(CvcToken().IsMatch(text), $"{where} holds the CVC: {CvcToken().Match(text).Groups[0].Value}");
    }

    private static string Spaced(string number) => Regex.Replace(number, ".{4}(?!$)", "$0 ");

    // The CVC as a value of its own: not a piece of a longer number, a base64 string or a time in milliseconds.
    [GeneratedRegex(@"(?<![0-9A-Za-z_.+/-])737(?![0-9A-Za-z_+/-])")]
    private static partial Regex CvcToken();

    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadToEndAsync();
    }

    public void Dispose() => app.Dispose();
}
