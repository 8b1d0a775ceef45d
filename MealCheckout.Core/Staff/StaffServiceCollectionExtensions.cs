using MealCheckout.Core.Staff.Detail;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Core.Staff.Settlement;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Core.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>
    /// Order detail, refunds and settlement for staff. Refunds go through one <see cref="ILegRefunder"/>
    /// per provider: the Adyen-style one (cards, CONECS) and Edenred's; a leg no refunder handles shows as "not refundable here".
    /// </summary>
    public static IServiceCollection AddMealCheckoutStaffOperations(this IServiceCollection services)
    {
        services.AddTransient<OrderDetailQuery>();
        services.AddTransient<SettlementReport>();
        services.AddTransient<ILegRefunder, AdyenLegRefunder>();
        services.AddTransient<ILegRefunder, EdenredLegRefunder>();
        services.AddTransient<LegRefunds>();
        return services;
    }
}
