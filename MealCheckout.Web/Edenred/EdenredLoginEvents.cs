using System.Globalization;
using System.Security.Cryptography;
using MealCheckout.Core.Payments.Edenred;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace MealCheckout.Web.Edenred;

/// <summary>
/// What the app adds to the OpenID Connect handler's login. When the id_token's signature, issuer,
/// audience and lifetime have been checked, <see cref="KeepTokensAsideAsync"/> checks that the
/// browser coming back is the one that started the login and holds the tokens for this request
/// only. In the code flow the handler checks the nonce after that event, so the tokens are stored
/// (encrypted, bound to that browser and the tab's checkout) only once the handler has accepted
/// the whole login, in <see cref="StoreTokensAndReturnAsync"/>.
/// </summary>
internal static class EdenredLoginEvents
{
    private const string BrowserItem = "browser";
    private const string CheckoutItem = "checkout";
    private const string ReturnItem = "return";
    private const string FailedMarker = "edenredLogin=failed";
    private static readonly object PendingKey = new();

    public static OpenIdConnectEvents Create() => new()
    {
        OnTokenValidated = KeepTokensAsideAsync,
        OnTicketReceived = StoreTokensAndReturnAsync,
        OnRemoteFailure = context => LoginFailedAsync(context, context.Properties),
        OnAccessDenied = context => LoginFailedAsync(context, context.Properties),
    };

    /// <summary>What the login carries through the SSO, inside the state the handler protects.</summary>
    public static AuthenticationProperties StartProperties(Guid checkout, string browserBindingHash, string returnPath)
    {
        var properties = new AuthenticationProperties { RedirectUri = "/" };
        properties.Items[CheckoutItem] = checkout.ToString();
        properties.Items[BrowserItem] = browserBindingHash;
        properties.Items[ReturnItem] = returnPath;
        return properties;
    }

    private static Task KeepTokensAsideAsync(TokenValidatedContext context)
    {
        var tokens = context.TokenEndpointResponse;
        var username = context.Principal?.FindFirst("username")?.Value ?? context.Principal?.FindFirst("email")?.Value;
        if (tokens is null || string.IsNullOrEmpty(tokens.AccessToken) || string.IsNullOrEmpty(tokens.RefreshToken) || string.IsNullOrEmpty(tokens.IdToken))
        {
            context.Fail("Edenred did not return the tokens the checkout needs.");
        }
        else if (string.IsNullOrEmpty(username))
        {
            context.Fail("The Edenred id_token names no user.");
        }
        else if (!CameBackToTheBrowserThatStarted(context))
        {
            context.Fail("The Edenred login came back to another browser than the one that started it.");
        }
        else
        {
            var lifetime = int.TryParse(tokens.ExpiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(5);
            var expiresAt = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().Add(lifetime);
            context.HttpContext.Items[PendingKey] = new PendingLogin(Guid.Parse(context.Properties!.Items[CheckoutItem]!), context.Properties.Items[BrowserItem]!,
                username, new EdenredTokens(tokens.AccessToken, tokens.RefreshToken, tokens.IdToken, expiresAt));
        }
        return Task.CompletedTask;
    }

    /// <summary>The login is kept only for the browser that started it, which must be the one coming back.</summary>
    private static bool CameBackToTheBrowserThatStarted(TokenValidatedContext context)
    {
        var started = context.Properties?.Items.TryGetValue(BrowserItem, out var hash) == true ? hash : null;
        var returning = EdenredBrowserBinding.HashFrom(context.Request);
        return !string.IsNullOrEmpty(started) && returning is not null
            && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(started), Convert.FromHexString(returning));
    }

    /// <summary>
    /// The handler accepted the login: the tokens are stored, and the diner goes back to the checkout,
    /// which finds the login by this browser's binding, so nothing about it travels in the address.
    /// </summary>
    private static async Task StoreTokensAndReturnAsync(TicketReceivedContext context)
    {
        if (context.HttpContext.Items[PendingKey] is not PendingLogin login)
        {
            await LoginFailedAsync(context, context.Properties);
            return;
        }
        await context.HttpContext.RequestServices.GetRequiredService<EdenredSignIns>()
            .SaveAsync(login.CheckoutId, login.BrowserBindingHash, login.Username, login.Tokens, context.HttpContext.RequestAborted);
        context.HandleResponse();
        context.Response.Redirect(context.Properties!.Items[ReturnItem]!);
    }

    /// <summary>Nothing was stored; the checkout tells the diner in a sentence that the login did not go through.</summary>
    private static Task LoginFailedAsync(HandleRequestContext<RemoteAuthenticationOptions> context, AuthenticationProperties? properties)
    {
        context.HandleResponse();
        var back = properties?.Items.TryGetValue(ReturnItem, out var path) == true ? EdenredLoginSetup.LocalPath(path) : "/checkout";
        context.Response.Redirect(back + (back.Contains('?') ? "&" : "?") + FailedMarker);
        return Task.CompletedTask;
    }

    /// <summary>A login the handler is still checking; it lives in the callback request only.</summary>
    private sealed record PendingLogin(Guid CheckoutId, string BrowserBindingHash, string Username, EdenredTokens Tokens);
}
