using Microsoft.AspNetCore.HostFiltering;

namespace MealCheckout.Web.Security;

/// <summary>Requests the app cannot understand get a 400 from the framework, never an exception.</summary>
public static class MalformedRequests
{
    public static IServiceCollection AddMalformedRequestRefusals(this IServiceCollection services)
    {
        // In Development minimal APIs throw on a value that does not bind (an id that is not a Guid): a 500 and a stack trace in the log.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        // HTTP/1.0 allows a request without a Host header, from which Blazor cannot build the page's address.
        services.Configure<HostFilteringOptions>(options => options.AllowEmptyHosts = false);
        return services;
    }
}
