using System.Net;
using MealCheckout.Core.Limits;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Staff;

namespace MealCheckout.Tests.Unit.Staff;

public sealed class StaffSignInThrottleTests
{
    private const string Manager = "MANAGER@MEALCHECKOUT.TEST";

    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Five_failures_refuse_that_address_for_that_account_only_until_the_refusal_period_ends()
    {
        var throttle = new StaffSignInThrottle(new InMemoryAttemptCounts(clock));
        var guesser = IPAddress.Parse("203.0.113.7");

        await FailFiveTimesAsync(throttle, Manager, guesser);

        Assert.True(await throttle.IsRefusedAsync(Manager, guesser));
        Assert.False(await throttle.IsRefusedAsync(Manager, IPAddress.Parse("203.0.113.8")));
        Assert.False(await throttle.IsRefusedAsync("STAFF@MEALCHECKOUT.TEST", guesser));
        clock.Advance(StaffSignInThrottle.RefusalDuration + TimeSpan.FromSeconds(1));
        Assert.False(await throttle.IsRefusedAsync(Manager, guesser));
    }

    [Fact]
    public async Task Four_failures_then_a_success_start_the_count_again()
    {
        var throttle = new StaffSignInThrottle(new InMemoryAttemptCounts(clock));
        var manager = IPAddress.Parse("198.51.100.20");
        for (var attempt = 1; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            await throttle.FailedAsync(Manager, manager);
        }

        await throttle.SucceededAsync(Manager, manager);
        await throttle.FailedAsync(Manager, manager);

        Assert.False(await throttle.IsRefusedAsync(Manager, manager));
    }

    [Fact]
    public async Task Failures_ten_minutes_apart_still_add_up_to_a_refusal()
    {
        var throttle = new StaffSignInThrottle(new InMemoryAttemptCounts(clock));
        var slowGuesser = IPAddress.Parse("203.0.113.9");
        for (var attempt = 0; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            clock.Advance(TimeSpan.FromMinutes(10));
            Assert.False(await throttle.IsRefusedAsync(Manager, slowGuesser));
            await throttle.FailedAsync(Manager, slowGuesser);
        }

        Assert.True(await throttle.IsRefusedAsync(Manager, slowGuesser));
    }

    [Fact]
    public async Task Failures_followed_by_a_refusal_period_without_another_are_forgotten()
    {
        var throttle = new StaffSignInThrottle(new InMemoryAttemptCounts(clock));
        var guesser = IPAddress.Parse("203.0.113.11");
        for (var attempt = 1; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            await throttle.FailedAsync(Manager, guesser);
        }

        clock.Advance(StaffSignInThrottle.RefusalDuration);
        await throttle.FailedAsync(Manager, guesser);

        Assert.False(await throttle.IsRefusedAsync(Manager, guesser));
    }

    [Fact]
    public async Task An_ipv6_client_counts_by_its_64_bit_network_and_an_ipv4_mapped_address_as_ipv4()
    {
        var throttle = new StaffSignInThrottle(new InMemoryAttemptCounts(clock));

        await FailFiveTimesAsync(throttle, Manager, IPAddress.Parse("2001:db8:1:2::17"));
        await FailFiveTimesAsync(throttle, Manager, IPAddress.Parse("::ffff:192.0.2.1"));

        Assert.True(await throttle.IsRefusedAsync(Manager, IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.False(await throttle.IsRefusedAsync(Manager, IPAddress.Parse("2001:db8:1:3::17")));
        Assert.True(await throttle.IsRefusedAsync(Manager, IPAddress.Parse("192.0.2.1")));
    }

    private static async Task FailFiveTimesAsync(StaffSignInThrottle throttle, string account, IPAddress client)
    {
        for (var attempt = 0; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            await throttle.FailedAsync(account, client);
        }
    }
}
