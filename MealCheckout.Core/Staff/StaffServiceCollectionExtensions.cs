using MealCheckout.Core.Staff.Detail;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Core.Staff.Settlement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Core.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>
    /// Order detail, refunds and settlement for staff. Refunds go through one <see cref="ILegRefunder"/>
    /// per provider: the Adyen-style one (bank cards) and Edenred's; <see cref="IssuerRefundRules"/> says what each issuer allows.
    /// Refund rate limits (section "Refunds") and issuers' commissions (section "IssuerCommissions") are checked at start-up.
    /// </summary>
    public static IServiceCollection AddMealCheckoutStaffOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RefundOptions>().Bind(configuration.GetSection(RefundOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IssuerCommissionOptions>().Bind(configuration.GetSection(IssuerCommissionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RefundAttemptLimiter>();
        services.AddTransient<OrderDetailQuery>();
        services.AddTransient<SettlementReport>();
        services.AddTransient<ILegRefunder, AdyenLegRefunder>();
        services.AddTransient<ILegRefunder, EdenredLegRefunder>();
        services.AddTransient<LegRefunds>();
        return services;
    }
}
