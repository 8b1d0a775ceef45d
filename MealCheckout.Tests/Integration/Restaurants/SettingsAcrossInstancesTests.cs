using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Restaurants;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Restaurants;

/// <summary>
/// Two instances on one database: a manager's save on one reaches the other's checkouts once what that
/// instance read has aged past <see cref="RestaurantSettingsStore.FreshFor"/>, without a restart.
/// </summary>
public sealed class SettingsAcrossInstancesTests : IDisposable
{
    private static readonly Guid Demo = DemoRestaurant.Restaurant.Id;

    private readonly MealCheckoutAppFactory savedOn = new(weekdayClock: true);
    private readonly FixedTimeProvider otherClock = new(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero)); // a Tuesday, noon in Paris
    private readonly MealCheckoutAppFactory other;

    public SettingsAcrossInstancesTests() =>
        other = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["ConnectionStrings:MealCheckout"] = $"Data Source={savedOn.DatabasePath}" }, clock: otherClock);

    [Fact]
    public async Task A_brand_dropped_and_a_merchant_id_changed_on_one_instance_reach_the_other_within_the_freshness_window()
    {
        var store = savedOn.Services.GetRequiredService<RestaurantSettingsStore>();
        var otherStore = other.Services.GetRequiredService<RestaurantSettingsStore>();
        Assert.Contains(VoucherIssuer.Bimpli, await OfferedOnOtherAsync()); // read, so now kept in memory there

        var current = await store.ReadAsync(Demo, CancellationToken.None);
        await store.SaveAsync(Demo, new RestaurantSettingsEdit(current.Siret, [.. current.Issuers.Select(i => i.Issuer switch
        {
            VoucherIssuer.Bimpli => i with { Accepted = false },
            VoucherIssuer.Edenred => i with { MerchantId = EdenredTestMerchants.Second },
            _ => i,
        })]), StaffSession.Manager, CancellationToken.None);

        otherClock.Advance(RestaurantSettingsStore.FreshFor);

        Assert.DoesNotContain(VoucherIssuer.Bimpli, await OfferedOnOtherAsync());
        var edenred = (await otherStore.ReadAsync(Demo, CancellationToken.None)).Issuers.Single(i => i.Issuer == VoucherIssuer.Edenred);
        Assert.Equal(EdenredTestMerchants.Second, edenred.MerchantId);
    }

    private Task<IReadOnlyList<VoucherIssuer>> OfferedOnOtherAsync() =>
        other.Services.GetRequiredService<DinerCheckout>().OfferedIssuersAsync(Demo, CancellationToken.None);

    public void Dispose()
    {
        other.Dispose();
        savedOn.Dispose();
    }
}
