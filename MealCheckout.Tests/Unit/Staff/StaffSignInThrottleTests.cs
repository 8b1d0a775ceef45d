using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Staff;

namespace MealCheckout.Tests.Unit.Staff;

public sealed class StaffSignInThrottleTests
{
    private const string Manager = "MANAGER@MEALCHECKOUT.TEST";

    private readonly FixedTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Five_failures_refuse_that_address_for_that_account_only_until_the_refusal_period_ends()
    {
        var throttle = new StaffSignInThrottle(clock);
        var guesser = IPAddress.Parse("203.0.113.7");

        FailFiveTimes(throttle, Manager, guesser);

        Assert.True(throttle.IsRefused(Manager, guesser));
        Assert.False(throttle.IsRefused(Manager, IPAddress.Parse("203.0.113.8")));
        Assert.False(throttle.IsRefused("STAFF@MEALCHECKOUT.TEST", guesser));
        clock.Advance(StaffSignInThrottle.RefusalDuration + TimeSpan.FromSeconds(1));
        Assert.False(throttle.IsRefused(Manager, guesser));
    }

    [Fact]
    public void Four_failures_then_a_success_start_the_count_again()
    {
        var throttle = new StaffSignInThrottle(clock);
        var manager = IPAddress.Parse("198.51.100.20");
        for (var attempt = 1; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            throttle.Failed(Manager, manager);
        }

        throttle.Succeeded(Manager, manager);
        throttle.Failed(Manager, manager);

        Assert.False(throttle.IsRefused(Manager, manager));
    }

    [Fact]
    public void An_ipv6_client_counts_by_its_64_bit_network_and_an_ipv4_mapped_address_as_ipv4()
    {
        var throttle = new StaffSignInThrottle(clock);

        FailFiveTimes(throttle, Manager, IPAddress.Parse("2001:db8:1:2::17"));
        FailFiveTimes(throttle, Manager, IPAddress.Parse("::ffff:192.0.2.1"));

        Assert.True(throttle.IsRefused(Manager, IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.False(throttle.IsRefused(Manager, IPAddress.Parse("2001:db8:1:3::17")));
        Assert.True(throttle.IsRefused(Manager, IPAddress.Parse("192.0.2.1")));
    }

    private static void FailFiveTimes(StaffSignInThrottle throttle, string account, IPAddress client)
    {
        for (var attempt = 0; attempt < StaffSignInThrottle.MaxFailedAttempts; attempt++)
        {
            throttle.Failed(account, client);
        }
    }
}
