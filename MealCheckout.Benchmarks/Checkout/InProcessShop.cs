using System.Net;
using System.Net.Sockets;
using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Persistence;
using MealCheckout.Sandbox;
using MealCheckout.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// The checkout services on a fresh database (<see cref="ShopDatabase"/>: an SQLite file, or a PostgreSQL database),
/// with the provider sandbox on Kestrel at 127.0.0.1 in the same process at zero latency, and counters for SQL
/// commands and log entries at Information.
/// The voucher balance and the daily cap are unlimited and the rate limits off, so every checkout is
/// the same split: the voucher pays the steak, the card the wine.
/// </summary>
public sealed class InProcessShop : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly OneWeekdayPerCheckoutClock clock;
    private readonly RawCheckoutWrites rawWrites;
    private long providerCalls;

    private InProcessShop(WebApplication app, SqlCommandCounter sql, InformationLogCounter logs, ShopDatabase database, OneWeekdayPerCheckoutClock clock, RawWriteSettings rawWriteSettings)
    {
        this.app = app;
        this.clock = clock;
        rawWrites = new RawCheckoutWrites(database, rawWriteSettings);
        Sql = sql;
        Logs = logs;
    }

    public SqlCommandCounter Sql { get; }

    public InformationLogCounter Logs { get; }

    /// <summary>Requests the sandbox received: the provider calls, retries included.</summary>
    public long ProviderCalls => Interlocked.Read(ref providerCalls);

    public ConecsCheckout Checkout => app.Services.GetRequiredService<ConecsCheckout>();

    public AdyenCheckoutClient Adyen => app.Services.GetRequiredService<AdyenCheckoutClient>();

    public static PaymentCard Voucher { get; } = Card("5035450000000013");

    public static PaymentCard Visa { get; } = Card("4111111111111111");

    public static IReadOnlyList<NewOrderLine> Lines { get; } =
        [new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1), new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1)];

    /// <summary>Starts the shop on <paramref name="database"/>; the caller removes the database after the shop is disposed.</summary>
    public static async Task<InProcessShop> StartAsync(ShopDatabase database, RawWriteSettings? rawWriteSettings = null)
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder();
        var sql = new SqlCommandCounter();
        var clock = new OneWeekdayPerCheckoutClock();
        var logs = new InformationLogCounter();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var api = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Sandbox:Enabled"] = "true",
            ["Sandbox:Adyen:VoucherBalanceCents"] = "1000000000000",
            ["Sandbox:Adyen:CardBalanceCents"] = "1000000000000",
            ["Sandbox:Adyen:DailyCapCents"] = "1000000000000",
            // With 8 in flight several checkouts can share a day: the highest cap the rules accept keeps each one a split.
            ["Vouchers:ConecsDailyCapCents"] = "100000",
            ["Payments:CardFingerprintKey"] = "benchmark-card-fingerprint-key",
            ["Payments:Adyen:BaseAddress"] = $"{api}/sandbox/adyen/checkout/v71/",
            ["Payments:Adyen:TimeoutSeconds"] = "30", // a loaded machine must not turn a slow answer into a failed checkout
            ["Payments:Adyen:ApiKey"] = "dev-only-adyen-api-key",
            ["Payments:Adyen:MerchantAccount"] = "MealCheckoutDemo",
            ["Payments:Adyen:HmacKeyHex"] = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056",
            ["Reconciler:IntervalSeconds"] = "3600",
            ["RateLimits:PaymentPerMinute"] = "1000000",
            ["RateLimits:PaymentPerCircuitPerMinute"] = "1000000",
            ["RateLimits:PaymentPerCardPerMinute"] = "1000000",
            ["RateLimits:BalanceCheckPerMinute"] = "1000000",
            ["RateLimits:BalanceCheckPerCircuitPerMinute"] = "1000000",
            ["RateLimits:BalanceCheckPerCardPerMinute"] = "1000000",
        }.Concat(database.AppConfiguration))
        {
            builder.Configuration[key] = value;
        }
        // The app's own levels (appsettings.json): framework chatter below Warning is not written.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(logs);
        foreach (var quiet in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http.HttpClient", "Polly" })
        {
            builder.Logging.AddFilter(quiet, LogLevel.Warning);
        }
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddVoucherRules(builder.Configuration);
        builder.Services.AddMealCheckoutPersistence(builder.Configuration, builder.Environment.ContentRootPath); // both databases' connection strings are absolute
        builder.Services.ConfigureDbContext<MealCheckoutDbContext>(options => options.AddInterceptors(sql));
        builder.Services.AddMealCheckoutPayments(builder.Configuration);
        builder.Services.AddMealCheckoutSandbox(builder.Configuration);
        var app = builder.Build();
        var shop = new InProcessShop(app, sql, logs, database, clock, rawWriteSettings ?? new(OneWriterAtATime: false, NoSyncAtCommit: false));
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref shop.providerCalls);
            return next(context);
        });
        app.MapMealCheckoutSandbox();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync();
        await app.StartAsync();
        return shop;
    }

    /// <summary>One split checkout through the app: balance, partial-payment order, voucher, card, two captures.</summary>
    public async Task PayAsync(int payer)
    {
        clock.NextWorkingDay();
        var outcome = await Checkout.PayAsync(new ConecsPaymentRequest(Guid.NewGuid(), DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, Lines,
            new VoucherCard(VoucherIssuer.Pluxee, Voucher), Visa, new PayerIdentity($"bench-{payer}", $"bench-{payer}")), CancellationToken.None);
        if (!outcome.Paid)
        {
            throw new InvalidOperationException($"The benchmark checkout did not pay: {outcome}");
        }
    }

    /// <summary>The same six provider calls back to back, with no order, no database and no log: what the checkout costs at least.</summary>
    public Task BareCallsAsync() => CallsAsync(null);

    /// <summary>
    /// The six provider calls with the checkout's own rows written between them as raw SQL, in the app's six
    /// transactions on the app's database: what the checkout costs at least while it keeps every key on disk.
    /// </summary>
    public async Task CallsWithRawWritesAsync()
    {
        using var writer = rawWrites.Rent();
        await CallsAsync(writer);
    }

    private async Task CallsAsync(RawCheckoutWrites.Writer? writer)
    {
        var reference = "BENCH-" + Guid.NewGuid().ToString("N")[..12];
        var (orderId, voucherLeg, cardLeg) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (orderCall, voucherCall, cardCall, voucherCapture, cardCapture) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var account = "•••• 0013 #" + reference;
        await Adyen.GetBalanceAsync(Voucher, Key(), CancellationToken.None);
        await Write(w => w.ReadAsync(orderId, account, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 43_200_000));
        await Write(w => w.OpenOrderAsync(orderId, reference, voucherLeg, account, orderCall, voucherCall));
        var opened = await Adyen.CreateOrderAsync(reference, Money.FromCents(2400), Key(), CancellationToken.None);
        await Write(w => w.OrderOpenedAsync(orderId, 0, voucherLeg, opened.PspReference, opened.OrderData, orderCall));
        var order = new AdyenOrderReference(opened.PspReference, opened.OrderData);
        var voucher = await Adyen.MakePaymentAsync(reference + "-V", Money.FromCents(1850), AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, Voucher), order, Key(), CancellationToken.None);
        await Write(w => w.VoucherAuthorisedAsync(orderId, 1, voucherLeg, voucher.PspReference, voucherCall, cardLeg, cardCall));
        var card = await Adyen.MakePaymentAsync(reference + "-C", Money.FromCents(550), AdyenPaymentMethod.From(AdyenPaymentMethod.Scheme, Visa), order, Key(), CancellationToken.None);
        if (!voucher.IsAuthorised || !card.IsAuthorised)
        {
            throw new InvalidOperationException($"The bare sequence was not authorised: voucher {voucher.ResultCode} {voucher.RefusalReason}, card {card.ResultCode} {card.RefusalReason}");
        }
        await Write(w => w.CardAuthorisedAsync(orderId, 2, cardLeg, card.PspReference, cardCall, voucherLeg, voucherCapture));
        await Adyen.CaptureAsync(voucher.PspReference, reference, Money.FromCents(1850), Key(), CancellationToken.None);
        await Write(w => w.VoucherCapturedAsync(orderId, 3, voucherLeg, voucherCapture, cardLeg, cardCapture));
        await Adyen.CaptureAsync(card.PspReference, reference, Money.FromCents(550), Key(), CancellationToken.None);
        await Write(w => w.CardCapturedAsync(orderId, 4, cardLeg, cardCapture));

        Task Write(Func<RawCheckoutWrites.Writer, Task> step) => writer is null ? Task.CompletedTask : step(writer);
        static string Key() => Guid.NewGuid().ToString("N");
    }

    /// <summary>Arms the sandbox's latency fault on every provider call from now on.</summary>
    public void DelayEveryProviderCall(int milliseconds) =>
        app.Services.GetRequiredService<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Latency, Value: milliseconds, Times: int.MaxValue));

    public async ValueTask DisposeAsync()
    {
        await rawWrites.DisposeAsync();
        await app.DisposeAsync();
    }

    private static PaymentCard Card(string number) => CardDetails.Parse(number, "12/30", "737", ParisCalendar.DayOf(DateTimeOffset.UtcNow)).Card!;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Counts the log entries written at Information or above.</summary>
public sealed class InformationLogCounter : ILoggerProvider
{
    private long entries;

    public long Entries => Interlocked.Read(ref entries);

    public ILogger CreateLogger(string categoryName) => new Counter(this);

    public void Dispose()
    {
    }

    private sealed class Counter(InformationLogCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Interlocked.Increment(ref owner.entries);
            }
        }
    }
}
