using System.Net;
using System.Text.RegularExpressions;
using MealCheckout.Tests.Infrastructure;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>A browser-like HTTP client of the staff area: keeps cookies, posts the sign-in form with its antiforgery token.</summary>
public sealed partial class StaffSession : IDisposable
{
    public const string Manager = "manager@mealcheckout.test";
    public const string ManagerPassword = "dev-only-Manager-2026";
    public const string ReadOnly = "staff@mealcheckout.test";
    public const string ReadOnlyPassword = "dev-only-Staff-2026";

    private StaffSession(MealCheckoutAppFactory app)
    {
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.RootUri };
    }

    public HttpClient Client { get; }

    public static StaffSession Anonymous(MealCheckoutAppFactory app) => new(app);

    /// <summary>A session whose requests reach the app through a trusted proxy on behalf of <paramref name="clientAddress"/>.</summary>
    public static StaffSession ForwardedFor(MealCheckoutAppFactory app, string clientAddress)
    {
        var session = new StaffSession(app);
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return session;
    }

    public static async Task<StaffSession> SignedInAsync(MealCheckoutAppFactory app, string userName, string password)
    {
        var session = new StaffSession(app);
        var response = await session.SignInAsync(userName, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName} answered {(int)response.StatusCode}");
        return session;
    }

    /// <summary>Loads the form, then posts it as the browser would; the response is not followed.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string path = "/staff/login")
    {
        var form = await Client.GetStringAsync(path);
        return await Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "staff-login",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var page = await Client.GetStringAsync("/staff/orders");
        return await Client.PostAsync("/staff/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
    }

    /// <summary>Where a redirect points, as a path and query on this site (the app may answer with an absolute URL).</summary>
    public static string RedirectTarget(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";

    public static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page carries no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    public void Dispose() => Client.Dispose();
}
