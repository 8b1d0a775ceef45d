using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MealCheckout.Web.Security;

/// <summary>
/// Behind a TLS-terminating proxy, X-Forwarded-For and X-Forwarded-Proto say who the client is and
/// that it came over HTTPS (which makes cookies Secure and keys rate limits and sign-in throttling
/// to the real client). They are read only from the proxies listed under "ForwardedHeaders":
/// KnownProxies (addresses) and KnownNetworks (CIDR ranges), each a list or a comma-separated
/// string. Nothing is listed by default, and then the headers are ignored from everyone.
/// </summary>
public static class TrustedProxies
{
    public const string SectionName = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Values(configuration, "KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in Values(configuration, "KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>Reads the forwarded headers first of all, and only when a proxy is configured.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration) =>
        Values(configuration, "KnownProxies").Any() || Values(configuration, "KnownNetworks").Any() ? app.UseForwardedHeaders() : app;

    /// <summary>One sentence per configured entry that is not an address or a CIDR range.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration) =>
        Values(configuration, "KnownProxies").Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"{SectionName}:KnownProxies holds \"{p}\", which is not an IP address.")
        .Concat(Values(configuration, "KnownNetworks").Where(n => !System.Net.IPNetwork.TryParse(n, out _))
            .Select(n => $"{SectionName}:KnownNetworks holds \"{n}\", which is not a CIDR range such as 10.0.0.0/8."));

    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(SectionName).GetSection(key);
        var listed = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return listed.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
