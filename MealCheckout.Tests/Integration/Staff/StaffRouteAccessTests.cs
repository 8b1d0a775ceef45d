using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>
/// Every endpoint under /staff, as the running app lists them (Razor pages, minimal APIs, downloads),
/// is tried anonymously and with each role: a route added later is covered without touching this test.
/// </summary>
public sealed class StaffRouteAccessTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new();

    [Fact]
    public async Task No_staff_route_answers_an_anonymous_visitor_or_the_wrong_role()
    {
        var routes = StaffRoutes();
        Assert.Contains(routes, r => r.Path == "/staff/orders" && r.Method == "GET");
        Assert.Contains(routes, r => r.Path == StaffAccounts.LogoutPath && r.Method == "POST");
        Assert.Contains(routes, r => r.Path == "/staff/rules" && r.ManagerOnly);
        Assert.Contains(routes, r => r.Path == "/staff/settings" && r.ManagerOnly);

        using var anonymous = StaffSession.Anonymous(app);
        using var staff = await StaffSession.SignedInAsync(app, StaffSession.ReadOnly, StaffSession.ReadOnlyPassword);
        using var manager = await StaffSession.SignedInAsync(app, StaffSession.Manager, StaffSession.ManagerPassword);
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var asAnonymous = await SendAsync(anonymous, route);
            if (!IsSentToLogin(asAnonymous) && asAnonymous.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route}: anonymous got {(int)asAnonymous.StatusCode}");
            }
            var asStaff = await SendAsync(staff, route);
            if (route.ManagerOnly ? asStaff.StatusCode != HttpStatusCode.Forbidden : IsRefused(asStaff))
            {
                failures.Add($"{route}: Staff role got {(int)asStaff.StatusCode}");
            }
            else if (route.ManagerOnly && !(await asStaff.Content.ReadAsStringAsync()).Contains("n’a pas accès", StringComparison.Ordinal))
            {
                failures.Add($"{route}: the refusal does not say why");
            }
            var asManager = await SendAsync(manager, route);
            if (IsRefused(asManager))
            {
                failures.Add($"{route}: Manager role got {(int)asManager.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void Every_staff_route_names_a_staff_policy()
    {
        var unprotected = StaffRoutes().Where(r => r.Policies.Count == 0).ToList();

        Assert.Empty(unprotected);
    }

    private sealed record StaffRoute(string Path, string Method, IReadOnlyList<string> Policies)
    {
        public bool ManagerOnly => Policies.Contains(StaffPolicies.ManageOrders);

        public override string ToString() => $"{Method} {Path}";
    }

    private List<StaffRoute> StaffRoutes()
    {
        _ = app.RootUri;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.RoutePattern.RawText?.TrimStart('/') is { } path
                && (path.Equals("staff", StringComparison.OrdinalIgnoreCase) || path.StartsWith("staff/", StringComparison.OrdinalIgnoreCase)))
            .Where(e => !string.Equals("/" + e.RoutePattern.RawText!.TrimStart('/'), StaffAccounts.LoginPath, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new StaffRoute(
                SamplePath(e.RoutePattern),
                method,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? (a.Roles is null ? "" : "roles:" + a.Roles)).ToList())))
            .Distinct()
            .ToList();
    }

    // Route values are placeholders: authorization answers before the page looks anything up.
    private static string SamplePath(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1"
                : parameter.ParameterPolicies.Any(p => p.Content is "datetime") ? "2026-01-15" : "MC-260115-ABCDEF",
            _ => "x",
        }))));

    private static Task<HttpResponseMessage> SendAsync(StaffSession session, StaffRoute route) =>
        session.Client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), route.Path)
        {
            Content = route.Method == "GET" ? null : new FormUrlEncodedContent([]),
        });

    private static bool IsSentToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && StaffSession.RedirectTarget(response).StartsWith(StaffAccounts.LoginPath, StringComparison.Ordinal);

    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || IsSentToLogin(response);

    public void Dispose() => app.Dispose();
}
