using System.Collections.Specialized;
using System.Net;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Integration.Staff;
using MealCheckout.Web.Edenred;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>One browser going through the Edenred login: its own cookie jar, redirects not followed so each step can be checked.</summary>
internal sealed class EdenredLoginBrowser : IDisposable
{
    public const string Pablo = "lerouxpablo@yopmail.com";

    public EdenredLoginBrowser(MealCheckoutAppFactory app) =>
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = app.RootUri };

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The hash the server keeps of this browser's binding cookie, null before any login started.</summary>
    public string? BindingHash =>
        Cookies.GetAllCookies().SingleOrDefault(c => c.Name == EdenredBrowserBinding.CookieName) is { } cookie ? EdenredBrowserBinding.Hash(cookie.Value) : null;

    /// <summary>Follows a login link: the app answers with the SSO's authorization URL.</summary>
    public async Task<Uri> StartLoginAsync(string link)
    {
        using var challenge = await Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        return challenge.Headers.Location!;
    }

    /// <summary>Logs in at the SSO with the authorization request's fields, follows the redirect into the app, and returns where the app sends the diner next.</summary>
    public async Task<string> FinishLoginAsync(Uri authorize, NameValueCollection query) =>
        await FollowCallbackAsync(await LogInAtSsoAsync(authorize, query));

    /// <summary>Submits the SSO's login form with the authorization request's fields; returns the callback address the SSO sends the browser to.</summary>
    public async Task<Uri> LogInAtSsoAsync(Uri authorize, NameValueCollection query)
    {
        var form = query.AllKeys.ToDictionary(k => k!, k => query[k]!);
        form["email"] = Pablo;
        form["password"] = "Edenred2021*";
        using var login = await Client.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return login.Headers.Location!;
    }

    /// <summary>Follows the SSO's redirect into the app; returns where the app sends the diner next.</summary>
    public async Task<string> FollowCallbackAsync(Uri callback)
    {
        using var response = await Client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Posts the checkout's logout form with this browser's antiforgery token; the redirect is not followed.</summary>
    public async Task<HttpResponseMessage> LogOutAsync(Guid checkoutId, string returnUrl = "/checkout")
    {
        var page = await Client.GetStringAsync("/staff/login"); // any form of the site carries this browser's token
        return await Client.PostAsync("/edenred/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = StaffSession.AntiforgeryToken(page),
            ["checkout"] = checkoutId.ToString(),
            ["returnUrl"] = returnUrl,
        }));
    }

    public void Dispose() => Client.Dispose();
}
