using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Errors;

/// <summary>
/// The page a diner sees instead of a blank answer: one plain sentence in their language and a way
/// back to the menu. It is a plain endpoint, not a Blazor page, so it still renders when the request
/// that failed could not have rendered one (no Host header, a broken circuit, a faulty service).
/// </summary>
public static class ErrorPages
{
    /// <summary>Where the exception handler re-executes a request that threw: a genuine server fault.</summary>
    public const string ServerErrorPath = "/error";

    /// <summary>Where a 4xx/5xx answered without a body is re-executed, {0} being the status code.</summary>
    public const string StatusPathFormat = "/error/{0}";

    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app) =>
        app.UseStatusCodePagesWithReExecute(StatusPathFormat);

    public static IEndpointRouteBuilder MapErrorPages(this IEndpointRouteBuilder endpoints)
    {
        // Any method: a failed POST is re-executed as a POST.
        endpoints.Map(ServerErrorPath, (HttpContext http, IStringLocalizer<UiText> text) =>
            Page(http, text, http.Features.Get<IExceptionHandlerPathFeature>() is null ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError));
        endpoints.Map(ServerErrorPath + "/{status:int}", (int status, HttpContext http, IStringLocalizer<UiText> text) =>
            Page(http, text, http.Features.Get<IStatusCodeReExecuteFeature>() is null ? StatusCodes.Status404NotFound : status));
        return endpoints;
    }

    private static IResult Page(HttpContext http, IStringLocalizer<UiText> text, int status)
    {
        var sentence = status switch
        {
            StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => text["ErrorNotFound"],
            StatusCodes.Status429TooManyRequests => text["ErrorTooManyRequests"],
            >= 500 => text["ErrorServer"],
            _ => text["ErrorBadRequest"],
        };
        var html = HtmlEncoder.Create(UnicodeRanges.All); // accented letters stay readable in the source
        var body = $"""
            <!DOCTYPE html>
            <html lang="{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{html.Encode(text["ErrorPageTitle"])} · MealCheckout</title><link rel="stylesheet" href="/app.css" /></head>
            <body><main class="error-page"><h1>{html.Encode(text["ErrorPageTitle"])}</h1>
            <p data-testid="error-sentence">{html.Encode(sentence)}</p>
            <p><a href="/">{html.Encode(text["BackToMenu"])}</a></p></main></body>
            </html>
            """;
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }
}
