namespace MealCheckout.Web.Security;

/// <summary>Requests the app cannot understand get a 400 with a plain sentence, never an exception.</summary>
public static class MalformedRequests
{
    public static IServiceCollection AddMalformedRequestRefusals(this IServiceCollection services) =>
        // In Development minimal APIs throw on a value that does not bind (an id that is not a Guid): a 500 and a stack trace in the log.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);

    /// <summary>
    /// Refuses a request whose Host header is missing (HTTP/1.0 allows it) or names no valid address
    /// (a port beyond 65535): Blazor and the redirects build the page's address from it.
    /// </summary>
    public static IApplicationBuilder UseMalformedRequestRefusals(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var host = context.Request.Host;
            if (!host.HasValue || !Uri.TryCreate($"{context.Request.Scheme}://{host.Value}/", UriKind.Absolute, out _))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("The Host header is missing or names no valid address.", context.RequestAborted);
                return;
            }
            await next(context);
        });
}
