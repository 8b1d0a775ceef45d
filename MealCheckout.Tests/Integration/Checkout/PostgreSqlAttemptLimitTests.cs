using System.Net;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Persistence;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Persistence;
using MealCheckout.Web.Staff;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// On PostgreSQL the attempt limits count in the database: two app instances on one database refuse a card,
/// a manager's refunds and a client's sign-in guesses after the configured number in total, not per instance.
/// </summary>
public sealed class PostgreSqlAttemptLimitTests : IAsyncLifetime
{
    private const string VoucherAccount = "bimpli:•••• 0010 #ab12";
    private const int PerCard = 3;
    private const int PerClient = 4;

    // A database for each test, so no count is left over from another.
    private readonly PostgreSqlDatabase database = new();
    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 11, 30, 0, TimeSpan.Zero));
    private ServiceProvider first = default!;
    private ServiceProvider second = default!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        await database.Get<DatabaseMigrator>().MigrateAsync();
        first = Instance();
        second = Instance();
    }

    [Fact]
    public async Task A_card_tried_on_two_instances_is_refused_after_the_per_card_limit_in_total()
    {
        var instances = new[] { first, second };
        for (var attempt = 0; attempt < PerCard; attempt++)
        {
            Assert.True(await PayAsync(instances[attempt % 2], Payer($"203.0.113.{attempt}"), VoucherAccount));
        }

        Assert.False(await PayAsync(first, Payer("203.0.113.50"), VoucherAccount));
        Assert.False(await PayAsync(second, Payer("203.0.113.51"), VoucherAccount));
        Assert.True(await PayAsync(second, Payer("203.0.113.52"), "bimpli:•••• 0028 #cd34")); // another card is not held back
    }

    [Fact]
    public async Task Attempts_racing_on_two_instances_for_one_card_take_no_more_places_than_the_limit()
    {
        var attempts = Enumerable.Range(0, 24)
            .Select(attempt => PayAsync(attempt % 2 == 0 ? first : second, Payer($"198.51.100.{attempt}"), VoucherAccount));

        var started = await Task.WhenAll(attempts);

        Assert.Equal(PerCard, started.Count(s => s));
    }

    [Fact]
    public async Task An_attempt_refused_by_one_limit_counts_against_none()
    {
        var busyClient = Payer("203.0.113.7");
        for (var card = 0; card < PerClient; card++)
        {
            Assert.True(await PayAsync(first, busyClient, $"bimpli:•••• 00{card}0 #client"));
        }

        // Refused on the client's limit, on either instance: the card must not lose a place to it.
        Assert.False(await PayAsync(first, busyClient, VoucherAccount));
        Assert.False(await PayAsync(second, busyClient, VoucherAccount));

        for (var attempt = 0; attempt < PerCard; attempt++)
        {
            Assert.True(await PayAsync(second, Payer($"198.51.100.{attempt}"), VoucherAccount));
        }
        Assert.False(await PayAsync(first, Payer("198.51.100.99"), VoucherAccount));
    }

    [Fact]
    public async Task A_client_paused_by_refused_cards_on_one_instance_is_paused_on_the_other_and_its_tries_count_nowhere()
    {
        var tester = Payer("203.0.113.66");
        for (var refusal = 0; refusal < 2; refusal++)
        {
            await first.GetRequiredService<PaymentAttemptLimiter>().RecordRefusedCardAsync(tester);
            await second.GetRequiredService<PaymentAttemptLimiter>().RecordRefusedCardAsync(tester);
        }

        Assert.False(await BalanceCheckAsync(second, tester, VoucherAccount));
        Assert.False(await PayAsync(first, tester, VoucherAccount));

        for (var attempt = 0; attempt < PerCard; attempt++)
        {
            Assert.True(await PayAsync(second, Payer($"192.0.2.{attempt}"), VoucherAccount)); // the paused tries took no place of the card's
        }
        Assert.False(await PayAsync(first, Payer("192.0.2.99"), VoucherAccount));
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await BalanceCheckAsync(first, tester, VoucherAccount));
    }

    [Fact]
    public async Task The_window_slides_on_the_apps_clock_for_both_instances()
    {
        Assert.True(await PayAsync(first, Payer("192.0.2.1"), VoucherAccount));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await PayAsync(second, Payer("192.0.2.2"), VoucherAccount));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await PayAsync(first, Payer("192.0.2.3"), VoucherAccount));
        Assert.False(await PayAsync(second, Payer("192.0.2.4"), VoucherAccount));

        clock.Advance(TimeSpan.FromSeconds(20)); // the first attempt leaves the minute
        Assert.True(await PayAsync(second, Payer("192.0.2.5"), VoucherAccount));
        Assert.False(await PayAsync(first, Payer("192.0.2.6"), VoucherAccount));

        clock.Advance(TimeSpan.FromSeconds(20)); // and the second
        Assert.True(await PayAsync(first, Payer("192.0.2.7"), VoucherAccount));
    }

    [Fact]
    public async Task Attempts_that_left_their_window_are_deleted()
    {
        for (var attempt = 0; attempt < PerCard; attempt++)
        {
            Assert.True(await PayAsync(first, Payer($"192.0.2.{attempt}"), VoucherAccount));
        }
        Assert.Equal(3 * PerCard, await database.ScalarAsync<long>("SELECT COUNT(*) FROM limited_attempts")); // page, client and card each

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await PayAsync(first, Payer("192.0.2.9"), VoucherAccount));

        Assert.Equal(3, await database.ScalarAsync<long>("SELECT COUNT(*) FROM limited_attempts"));
    }

    [Fact]
    public async Task A_managers_refund_actions_count_together_on_every_instance()
    {
        const string manager = "manager@mealcheckout.test";
        Assert.True(await first.GetRequiredService<RefundAttemptLimiter>().TryStartAsync(manager));
        Assert.True(await second.GetRequiredService<RefundAttemptLimiter>().TryStartAsync("MANAGER@mealcheckout.test"));

        Assert.False(await first.GetRequiredService<RefundAttemptLimiter>().TryStartAsync(manager));
        Assert.False(await second.GetRequiredService<RefundAttemptLimiter>().TryStartAsync(manager));
    }

    [Fact]
    public async Task Sign_in_failures_from_one_network_on_two_instances_refuse_it_on_both()
    {
        const string account = "MANAGER@MEALCHECKOUT.TEST";
        var instances = new[] { first, second };
        // One IPv6 subscriber's addresses, which a load balancer hashing whole addresses spreads over the instances.
        for (var attempt = 0; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            var throttle = instances[attempt % 2].GetRequiredService<StaffSignInThrottle>();
            Assert.False(await throttle.IsRefusedAsync(account, IPAddress.Parse($"2001:db8:1:2::{attempt + 1}")));
            await throttle.FailedAsync(account, IPAddress.Parse($"2001:db8:1:2::{attempt + 1}"));
        }

        Assert.True(await first.GetRequiredService<StaffSignInThrottle>().IsRefusedAsync(account, IPAddress.Parse("2001:db8:1:2::99")));
        Assert.True(await second.GetRequiredService<StaffSignInThrottle>().IsRefusedAsync(account, IPAddress.Parse("2001:db8:1:2::99")));
        Assert.False(await second.GetRequiredService<StaffSignInThrottle>().IsRefusedAsync(account, IPAddress.Parse("2001:db8:9:9::1")));
        clock.Advance(StaffSignInThrottle.RefusalDuration);
        Assert.False(await first.GetRequiredService<StaffSignInThrottle>().IsRefusedAsync(account, IPAddress.Parse("2001:db8:1:2::99")));
    }

    [Fact]
    public async Task Sign_in_failures_in_a_run_count_on_either_instance_until_a_refusal_period_passes_without_one()
    {
        const string account = "MANAGER@MEALCHECKOUT.TEST";
        var guesser = IPAddress.Parse("203.0.113.9");
        var instances = new[] { first, second };
        for (var attempt = 1; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await instances[attempt % 2].GetRequiredService<StaffSignInThrottle>().FailedAsync(account, guesser);
        }
        clock.Advance(StaffSignInThrottle.RefusalDuration);
        await first.GetRequiredService<StaffSignInThrottle>().FailedAsync(account, guesser);
        Assert.False(await second.GetRequiredService<StaffSignInThrottle>().IsRefusedAsync(account, guesser)); // the earlier run is forgotten

        for (var attempt = 1; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            await instances[attempt % 2].GetRequiredService<StaffSignInThrottle>().FailedAsync(account, guesser);
        }

        Assert.True(await first.GetRequiredService<StaffSignInThrottle>().IsRefusedAsync(account, guesser));
    }

    /// <summary>One app instance's limiters on the test's database and clock.</summary>
    private ServiceProvider Instance()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(database.AppSettings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddMealCheckoutPersistence(settings, Path.GetTempPath())
            .AddSingleton(Options.Create(new PaymentLimitOptions
            {
                PaymentPerCardPerMinute = PerCard,
                PaymentPerMinute = PerClient,
                PaymentPerCircuitPerMinute = 100,
                BalanceCheckPerCardPerMinute = 100,
                BalanceCheckPerMinute = 100,
                BalanceCheckPerCircuitPerMinute = 100,
                RefusedCardsPerClient = 4,
                RefusedCardWindowMinutes = 15,
            }))
            .AddSingleton(Options.Create(new RefundOptions { PerManagerPerMinute = 2 }))
            .AddSingleton(new VoucherCardFingerprint(new byte[32]))
            .AddSingleton<PaymentAttemptLimiter>()
            .AddSingleton<RefundAttemptLimiter>()
            .AddSingleton<StaffSignInThrottle>()
            .BuildServiceProvider();
    }

    private static PayerIdentity Payer(string address) => new(address, $"page-of-{address}");

    private static async Task<bool> PayAsync(ServiceProvider instance, PayerIdentity payer, string voucherAccount) =>
        await instance.GetRequiredService<PaymentAttemptLimiter>().TryStartPaymentAsync(payer, voucherAccount, null);

    private static async Task<bool> BalanceCheckAsync(ServiceProvider instance, PayerIdentity payer, string voucherAccount) =>
        await instance.GetRequiredService<PaymentAttemptLimiter>().TryStartBalanceCheckAsync(payer, voucherAccount);

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await database.DisposeAsync();
    }
}
