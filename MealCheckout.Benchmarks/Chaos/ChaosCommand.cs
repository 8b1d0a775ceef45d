using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace MealCheckout.Benchmarks.Chaos;

/// <summary>
/// The chaos run (docs/reliability.md): the provider emulators in their own process, the app in another,
/// N split checkouts (CONECS voucher + card, Edenred + card) driven through the app with a share of every
/// provider call faulted, the app killed with SIGKILL K times mid-payment and restarted on the same
/// database, the reconciler left to finish, then the money counted. Exit code 1 if any is out of place.
/// </summary>
public static class ChaosCommand
{
    // Accounts and cards the sandbox lets pay on Sundays and public holidays too, so a run means the same any day.
    private static readonly string[] EdenredDiners = ["holiday.allowed@yopmail.com"];
    private static readonly (string Issuer, string Number)[] ConecsCards =
        [("Bimpli", "5038110000000069"), ("Pluxee", "5035450000000062"), ("UpDejeuner", "5044210000000069")];

    private const string Visa = "4111111111111111";
    private const string VisaRefused = "4000000000000002";

    // The reconciler looks often, and an order no checkout touched for this long is its to finish.
    private const int StaleAfterSeconds = 20;
    private const int GiveUpAfterSeconds = 90;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = ChaosSettings.Parse(args);
        Directory.CreateDirectory(settings.Folder);
        var (webDll, sandboxDll) = BuiltApps();
        var sandboxUri = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/");
        var appUri = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}/");
        var database = Path.Combine(settings.Folder, "mealcheckout.db");
        Console.WriteLine($"Chaos run: {settings.Checkouts} checkouts, {settings.FaultRate:P0} of provider calls faulted, {settings.Kills} kills; files in {settings.Folder}");

        await using var sandbox = await ChildProcess.StartAsync(sandboxDll, SandboxArguments(sandboxUri, appUri), new Dictionary<string, string>(),
            Path.Combine(settings.Folder, "sandbox.log"), new Uri(sandboxUri, "sandbox/control/state"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        var app = await StartAppAsync(webDll, appUri, sandboxUri, database, settings.Folder);
        var clock = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>();
        try
        {
            await SetFaultRateAsync(http, sandboxUri, settings.FaultRate, settings.Seed);
            var draw = new Random(settings.Seed);
            var requests = Enumerable.Range(0, settings.Checkouts).Select(i => NewCheckout(i, draw)).ToList();
            var segments = Segments(settings.Checkouts, settings.Kills);
            for (var s = 0; s < segments.Count; s++)
            {
                var (from, to) = segments[s];
                var killAfter = s < settings.Kills ? to - settings.Concurrency : int.MaxValue;
                await PayAsync(http, appUri, sandboxUri, requests[from..Math.Min(to, Math.Max(from, killAfter))], settings.Concurrency, outcomes);
                if (s < settings.Kills)
                {
                    // The last batch of the segment is in flight when the app dies.
                    var inFlight = PayAsync(http, appUri, sandboxUri, requests[Math.Max(from, killAfter)..to], settings.Concurrency, outcomes);
                    await Task.Delay(draw.Next(100, 600));
                    await app.KillAsync();
                    Console.WriteLine($"Killed the app (SIGKILL) after {clock.Elapsed.TotalSeconds:F0} s, checkout {to} of {settings.Checkouts} in flight");
                    await inFlight;
                    await app.DisposeAsync();
                    app = await StartAppAsync(webDll, appUri, sandboxUri, database, settings.Folder);
                }
            }
            Console.WriteLine($"{settings.Checkouts} checkouts driven in {clock.Elapsed.TotalSeconds:F0} s: " +
                string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}")));
            // The providers behave again; the reconciler finishes or releases whatever is left.
            await SetFaultRateAsync(http, sandboxUri, 0, settings.Seed);
            var tally = await WaitForReconcilerAsync(sandboxUri, database);
            Console.WriteLine($"Reconciler done after {clock.Elapsed.TotalSeconds:F0} s in all.");
            tally.Print(Console.Out);
            return tally.MoneyInPlace ? 0 : 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static Task<ChildProcess> StartAppAsync(string webDll, Uri appUri, Uri sandboxUri, string database, string folder) =>
        ChildProcess.StartAsync(webDll,
        [
            "--urls", appUri.ToString().TrimEnd('/'),
            "--ConnectionStrings:MealCheckout", $"Data Source={database}",
            "--Sandbox:Enabled", "false",
            "--Chaos:Enabled", "true",
            "--Payments:Edenred:ApiBaseAddress", new Uri(sandboxUri, "sandbox/edenred-api/").ToString(),
            "--Payments:Edenred:Authority", new Uri(sandboxUri, "sandbox/edenred-sso/").ToString(),
            "--Payments:Adyen:BaseAddress", new Uri(sandboxUri, "sandbox/adyen/checkout/v71/").ToString(),
            "--Payments:Edenred:TimeoutSeconds", "3",
            "--Payments:Adyen:TimeoutSeconds", "3",
            "--Reconciler:IntervalSeconds", "2",
            // The run is one client paying with a few cards at machine speed: lift the card-testing limits.
            "--RateLimits:PaymentPerMinute", "1000000",
            "--RateLimits:PaymentPerCardPerMinute", "1000000",
            "--RateLimits:BalanceCheckPerMinute", "1000000",
            "--RateLimits:BalanceCheckPerCardPerMinute", "1000000",
            "--RateLimits:RefusedCardsPerClient", "1000000",
            "--RateLimits:WebhookPerMinute", "1000000",
            "--Reconciler:StaleAfterSeconds", StaleAfterSeconds.ToString(CultureInfo.InvariantCulture),
            "--Reconciler:UnknownGiveUpAfterSeconds", GiveUpAfterSeconds.ToString(CultureInfo.InvariantCulture),
            // One account and three cards pay every voucher part of the run.
            "--Vouchers:EdenredDailyCapCents", "100000",
            "--Vouchers:ConecsDailyCapCents", "100000",
            "--Logging:LogLevel:Default", "Warning",
        ], new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }, Path.Combine(folder, "app.log"), appUri);

    private static string[] SandboxArguments(Uri sandboxUri, Uri appUri) =>
    [
        "--urls", sandboxUri.ToString().TrimEnd('/'),
        "--Sandbox:Adyen:WebhookUrl", new Uri(appUri, "webhooks/adyen").ToString(),
        "--Sandbox:Edenred:BalanceCents", "100000000",
        "--Sandbox:Edenred:DefaultDailyLimitCents", "100000000",
        "--Sandbox:Adyen:VoucherBalanceCents", "100000000",
        "--Sandbox:Adyen:DailyCapCents", "100000000",
        // Adyen retries notifications for days: an app killed and restarted still hears of a payment it never got the answer of.
        "--Sandbox:Adyen:WebhookRetrySeconds", "600",
    ];

    private sealed record Checkout(Guid CheckoutId, string Issuer, long DishCents, long DrinkCents, string BankCard, string? VoucherCard, string? Diner);

    /// <summary>Half Edenred, half CONECS; a dish the voucher pays and a drink the card pays; one bank card in ten refused.</summary>
    private static Checkout NewCheckout(int index, Random draw)
    {
        var bankCard = draw.Next(10) == 0 ? VisaRefused : Visa;
        var dish = draw.Next(150, 400);
        var drink = draw.Next(200, 600);
        if (index % 2 == 0)
        {
            return new Checkout(Guid.NewGuid(), "Edenred", dish, drink, bankCard, null, EdenredDiners[index / 2 % EdenredDiners.Length]);
        }
        var (issuer, number) = ConecsCards[index / 2 % ConecsCards.Length];
        return new Checkout(Guid.NewGuid(), issuer, dish, drink, bankCard, number, null);
    }

    private static async Task PayAsync(HttpClient http, Uri appUri, Uri sandboxUri, List<Checkout> checkouts, int concurrency, Dictionary<string, int> outcomes)
    {
        await Parallel.ForEachAsync(checkouts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (checkout, _) =>
        {
            var outcome = await PayOneAsync(http, appUri, sandboxUri, checkout);
            lock (outcomes)
            {
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });
    }

    /// <summary>What the diner would have seen; "interrupted" when the app died under the request.</summary>
    private static async Task<string> PayOneAsync(HttpClient http, Uri appUri, Uri sandboxUri, Checkout checkout)
    {
        object body = checkout.VoucherCard is { } card
            ? new { checkout.CheckoutId, checkout.Issuer, checkout.DishCents, checkout.DrinkCents, checkout.BankCard, VoucherCard = card }
            : await EdenredCheckoutAsync(sandboxUri, checkout);
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(appUri, "chaos/checkouts"), body);
            if (!response.IsSuccessStatusCode)
            {
                return $"answered {(int)response.StatusCode}";
            }
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return answer.RootElement.GetProperty("failure").GetString() is "None" ? "paid" : answer.RootElement.GetProperty("failure").GetString()!;
        }
        catch (HttpRequestException)
        {
            return "interrupted";
        }
    }

    /// <summary>An Edenred checkout carries the diner's tokens, obtained from the sandbox SSO as the login would.</summary>
    private static async Task<object> EdenredCheckoutAsync(Uri sandboxUri, Checkout checkout)
    {
        using var tokens = await EdenredTokensAsync(sandboxUri, checkout.Diner!);
        var root = tokens.RootElement;
        return new
        {
            checkout.CheckoutId, checkout.Issuer, checkout.DishCents, checkout.DrinkCents, checkout.BankCard,
            EdenredUsername = checkout.Diner,
            AccessToken = root.GetProperty("access_token").GetString(),
            RefreshToken = root.GetProperty("refresh_token").GetString(),
            IdToken = root.GetProperty("id_token").GetString(),
        };
    }

    /// <summary>The SSO's authorisation-code flow with PKCE, walked with a plain HttpClient.</summary>
    private static async Task<JsonDocument> EdenredTokensAsync(Uri sandboxUri, string email)
    {
        const string clientId = "mealcheckout-web";
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirectUri = new Uri(sandboxUri, "signin-edenred").ToString();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = sandboxUri };
        var login = await client.PostAsync("sandbox/edenred-sso/connect/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri, ["response_type"] = "code",
            ["scope"] = "openid offline_access edg-xp-mealdelivery-api", ["state"] = "chaos", ["nonce"] = "chaos",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["email"] = email, ["password"] = "Edenred2021*",
        }));
        var code = HttpUtility.ParseQueryString(login.Headers.Location!.Query)["code"]!;
        var exchange = await client.PostAsync("sandbox/edenred-sso/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = verifier,
            ["client_id"] = clientId, ["client_secret"] = "dev-only-edenred-oauth-secret",
        }));
        exchange.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await exchange.Content.ReadAsStringAsync());
    }

    private static async Task SetFaultRateAsync(HttpClient http, Uri sandboxUri, double rate, int seed)
    {
        using var response = await http.PostAsJsonAsync(new Uri(sandboxUri, "sandbox/control/chaos"), new { rate, seed, commitHoldMilliseconds = 300 });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls until every order is final and nothing is held, or the give-up period (and some) has passed.</summary>
    private static async Task<ChaosTally> WaitForReconcilerAsync(Uri sandboxUri, string database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(StaleAfterSeconds + GiveUpAfterSeconds + 120);
        while (true)
        {
            var tally = await ChaosTally.CountAsync(sandboxUri, database);
            if ((tally.NotFinal == 0 && tally.HoldsLeft == 0) || DateTime.UtcNow > deadline)
            {
                return tally;
            }
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    /// <summary>K+1 stretches of checkouts; the app is killed at the end of each of the first K.</summary>
    private static List<(int From, int To)> Segments(int checkouts, int kills) =>
        Enumerable.Range(0, kills + 1).Select(k => (checkouts * k / (kills + 1), checkouts * (k + 1) / (kills + 1))).ToList();

    /// <summary>The app and the sandbox as built beside this tool (the project references them without linking them).</summary>
    internal static (string Web, string Sandbox) BuiltApps()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MealCheckout.sln")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException("Run the chaos command from the repository (dotnet run --project MealCheckout.Benchmarks -- chaos ...).");
        }
        string Built(string project) => Path.Combine(root.FullName, project, "bin", configuration, framework, project + ".dll");
        return (Built("MealCheckout.Web"), Built("MealCheckout.Sandbox"));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
