using MealCheckout.Core.Staff;

namespace MealCheckout.Web.Staff;

/// <summary>Order detail, refunds and settlement: their services and the CSV download.</summary>
public static class StaffOperationsHosting
{
    public static IServiceCollection AddStaffOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMealCheckoutStaffOperations(configuration);
        services.AddScoped<ManagerRefunds>();
        return services;
    }

    public static IEndpointRouteBuilder MapStaffOperations(this IEndpointRouteBuilder endpoints) => endpoints.MapSettlementExport();
}
