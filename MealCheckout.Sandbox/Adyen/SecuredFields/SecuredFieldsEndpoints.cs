using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MealCheckout.Sandbox.Adyen.SecuredFields;

/// <summary>
/// What a payment provider serves to the shopper's browser so card data never crosses the merchant's
/// server: the card fields as small pages to frame (number, expiry, CVC), the script the merchant's page
/// loads to mount them, the marks of the card schemes, and the public key the fields encrypt with.
/// Served under the API's own base address, <c>{Prefix}/securedfields/</c>.
/// </summary>
internal static class SecuredFieldsEndpoints
{
    public const string Path = AdyenCheckoutEndpoints.Prefix + "/securedfields";

    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["securedfields.js"] = "text/javascript",
        ["frame.js"] = "text/javascript",
        ["frame.css"] = "text/css",
        ["marks/visa.svg"] = "image/svg+xml",
        ["marks/mc.svg"] = "image/svg+xml",
        ["marks/cb.svg"] = "image/svg+xml",
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var fields = endpoints.MapGroup(Path).DisableAntiforgery().ExcludeFromDescription();
        fields.MapGet("/key", (SecuredFieldsKey key, TimeProvider time) =>
            Results.Json(new { key = key.PublicJwk(), now = time.GetUtcNow().ToString("O") }));
        fields.MapGet("/frame/{field:regex(^(number|expiry|cvc)$)}", Frame);
        foreach (var (name, contentType) in Assets)
        {
            var bytes = Read(name);
            fields.MapGet("/" + name, (HttpResponse response) =>
            {
                // Versioned by the API path, as a provider's CDN serves them: each frame reuses the one download.
                response.Headers.CacheControl = "public, max-age=86400";
                return Results.Bytes(bytes, contentType);
            });
        }
    }

    /// <summary>One field's page. <c>origin</c> is the page allowed to frame it and the only one it talks to.</summary>
    private static IResult Frame(HttpContext http, string field, string? origin, string? kind, string? lang)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var parent) || parent.Scheme is not ("https" or "http")
            || parent.GetLeftPart(UriPartial.Authority) != origin)
        {
            return Results.BadRequest("origin must be the framing page's origin, e.g. https://shop.example");
        }
        var french = lang is null || lang.StartsWith("fr", StringComparison.OrdinalIgnoreCase);
        var voucher = kind == "voucher";
        // Labels short enough for half a phone's width: the expiry and the CVC sit side by side.
        var (label, placeholder, autocomplete) = field switch
        {
            "number" => (french ? "Numéro de carte" : "Card number", "1234 5678 9012 3456", "cc-number"),
            "expiry" => (french ? "Expiration" : "Expiry date", french ? "MM/AA" : "MM/YY", "cc-exp"),
            _ => (french ? "Cryptogramme" : "Security code", "123", "cc-csc"),
        };
        // A meal voucher card is not the diner's bank card: the browser must not fill one with the other.
        autocomplete = voucher ? "off" : autocomplete;
        var html = HtmlEncoder.Default;
        var page = $"""
            <!doctype html>
            <html lang="{(french ? "fr" : "en")}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{html.Encode(label)}</title><link rel="stylesheet" href="../frame.css"></head>
            <body data-field="{field}" data-kind="{(voucher ? "voucher" : "card")}" data-parent-origin="{html.Encode(origin)}">
            <label for="field">{html.Encode(label)}</label>
            <div class="input-row">
            <input id="field" name="{field}" type="text" inputmode="numeric" autocomplete="{autocomplete}" placeholder="{placeholder}" maxlength="{(field == "number" ? 23 : field == "expiry" ? 5 : 4)}" spellcheck="false" autocorrect="off" aria-invalid="false" data-testid="field">
            <span class="marks" id="marks"></span>
            </div>
            <script src="../frame.js"></script>
            </body>
            </html>
            """;
        var headers = http.Response.Headers;
        headers["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
            $"frame-ancestors {origin}; base-uri 'none'; form-action 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        return Results.Content(page, "text/html", Encoding.UTF8);
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SecuredFields/" + name)
            ?? throw new InvalidOperationException($"Secured fields asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
