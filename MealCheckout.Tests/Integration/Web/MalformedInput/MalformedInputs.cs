using System.Globalization;
using System.Text;

namespace MealCheckout.Tests.Integration.Web.MalformedInput;

/// <summary>
/// The tables of hostile input the malformed-input suite sends: each class of request a client can
/// shape (return addresses, ids, dates, webhook bodies, raw HTTP), crossed with the endpoints that
/// take it. Rows are generated, so a new endpoint or a new trick is one line.
/// </summary>
public static class MalformedInputs
{
    private const string Checkout = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private const string SignIn = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    /// <summary>Return addresses that must never lead off the site, in the forms browsers and proxies decode.</summary>
    public static readonly string[] HostileReturnAddresses =
    [
        "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/%5cevil.example", "/%5C%5Cevil.example",
        "/\t/evil.example", "/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/\r\nSet-Cookie: stolen=1",
        "/%0d%0aSet-Cookie:%20stolen=1", "/%0D%0ALocation:%20https://evil.example", "/\u3000/evil.example", "/%E3%80%80/evil.example",
        "/\u00a0/evil.example", "/%C2%A0/evil.example", "/\u200b/evil.example", "/\u2028/evil.example", "/\u00e9", "/%C3%A9",
        "/%2f/evil.example", "/%2F%2Fevil.example", "/%252f%252fevil.example", "https://evil.example", "http:evil.example",
        "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "evil.example", "~/checkout", " /checkout", "/checkout ",
        "/ /evil.example", "/\f/evil.example", "/\v/evil.example", "/\0", "/%00", "/%", "/%zz", "/%E3%80", "/x:y",
        "/" + new string('a', 3000), "", "%2F%2Fevil.example", "/.%2e/.%2e/evil.example",
    ];

    /// <summary>Endpoints that redirect to a return address, with "{0}" where it goes (escaped).</summary>
    public static readonly string[] RedirectingEndpoints =
    [
        "/culture/en?returnUrl={0}",
        "/culture/fr?returnUrl={0}",
        $"/edenred/logout?signIn={SignIn}&checkout={Checkout}&returnUrl={{0}}",
        $"/edenred/login?checkout={Checkout}&returnUrl={{0}}",
        "/staff/login?ReturnUrl={0}",
    ];

    public static TheoryData<string, string> ReturnAddresses()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in RedirectingEndpoints)
        {
            foreach (var address in HostileReturnAddresses)
            {
                data.Add(endpoint, address);
            }
        }
        return data;
    }

    /// <summary>Values that are not ids, dates or culture names, for every parameter bound to one.</summary>
    public static readonly string[] NotAnId =
    [
        "", "x", "1", "-1", "null", "{}", "0f8fad5b-d9cb-469f-a165-70867728950g", "0f8fad5bd9cb469fa16570867728950e00",
        "%00", "%0d%0a", "%E3%80%80", "'; DROP TABLE orders; --", "99999999999999999999999999", new string('9', 2000),
    ];

    public static readonly string[] IdTakingUrls =
    [
        "/edenred/login?checkout={0}",
        $"/edenred/logout?signIn={{0}}&checkout={Checkout}",
        $"/edenred/logout?signIn={SignIn}&checkout={{0}}",
        "/receipt/{0}",
        "/culture/{0}?returnUrl=/",
        "/staff/orders/{0}",
        "/checkout?edenredLogin={0}",
    ];

    public static TheoryData<string> UnboundIds()
    {
        var data = new TheoryData<string>();
        foreach (var url in IdTakingUrls)
        {
            foreach (var value in NotAnId)
            {
                data.Add(string.Format(CultureInfo.InvariantCulture, url, value));
            }
        }
        return data;
    }

    /// <summary>Settlement export ranges a manager's link could carry: outside the calendar, reversed, too long, not dates.</summary>
    public static TheoryData<string, string> ExportRanges() => new()
    {
        { "0001-01-01", "0001-01-02" }, { "0001-01-01", "2026-01-01" }, { "9999-12-30", "9999-12-31" }, { "9999-12-31", "9999-12-31" },
        { "1999-12-31", "2000-01-02" }, { "2100-01-01", "2100-01-02" }, { "2026-05-10", "2026-05-01" }, { "2024-01-01", "2026-01-01" },
        { "2026-13-01", "2026-13-02" }, { "2026-02-30", "2026-03-01" }, { "", "" }, { "x", "y" }, { "2026-01-01", "" },
        { "26-01-01", "26-01-02" }, { "2026/01/01", "2026/01/02" }, { "%00", "%00" }, { "2026-01-01T00:00", "2026-01-02" },
        { "+002026-01-01", "2026-01-02" }, { "２０２６-01-01", "2026-01-02" }, { new string('2', 500), "2026-01-01" },
    };

    /// <summary>Bodies and content types the Adyen webhook must refuse with a 4xx, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<HttpRequestMessage>> WebhookRequests = BuildWebhookRequests();

    public static TheoryData<string> WebhookCases() => Names(WebhookRequests.Keys);

    /// <summary>Requests HttpClient will not send, written as bytes, by name.</summary>
    public static readonly IReadOnlyDictionary<string, (string Request, bool CloseAfterSending)> RawRequests = new Dictionary<string, (string, bool)>
    {
        ["HTTP/1.0 without Host"] = ("GET / HTTP/1.0\r\n\r\n", false),
        ["HTTP/1.0 checkout without Host"] = ("GET /checkout HTTP/1.0\r\n\r\n", false),
        ["HTTP/1.0 staff page without Host"] = ("GET /staff/login HTTP/1.0\r\n\r\n", false),
        ["HTTP/1.0 webhook without Host"] = ("POST /webhooks/adyen HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", false),
        ["HTTP/1.0 with an empty Host"] = ("GET / HTTP/1.0\r\nHost: \r\n\r\n", false),
        ["HTTP/1.1 without Host"] = ("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", false),
        ["Host with a path"] = ("GET / HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n", false),
        ["Host with a bad port"] = ("GET / HTTP/1.1\r\nHost: localhost:99999\r\nConnection: close\r\n\r\n", false),
        ["Host with user info"] = ("GET / HTTP/1.1\r\nHost: user@evil.example\r\nConnection: close\r\n\r\n", false),
        ["two Host headers"] = ("GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\nConnection: close\r\n\r\n", false),
        ["absolute-form target for another host"] = ("GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n", false),
        ["request line garbage"] = ("\u0001\u0002 / HTTP/1.1\r\n\r\n", false),
        ["control character in the path"] = ("GET /\u0007 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false),
        ["header without colon"] = ("GET / HTTP/1.1\r\nHost: localhost\r\nBroken header\r\nConnection: close\r\n\r\n", false),
        ["webhook with a broken chunk size"] = ("POST /webhooks/adyen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", false),
        ["webhook with a chunk longer than announced"] = ("POST /webhooks/adyen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{\"notificationItems\":[]}\r\n0\r\n\r\n", false),
        ["webhook with a chunk size over the limit"] = ("POST /webhooks/adyen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFF\r\n{}", false),
        ["webhook whose body stops short"] = ("POST /webhooks/adyen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n{\"notificationItems\":", true),
        ["webhook announcing 30 MB"] = ("POST /webhooks/adyen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 31457280\r\nConnection: close\r\n\r\n{", false),
        ["webhook with both length and chunked"] = ("POST /webhooks/adyen HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", false),
        ["culture switch with CRLF in the raw query"] = ("GET /culture/en?returnUrl=/\r\nSet-Cookie: x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false),
        ["culture switch with non-ASCII bytes in the raw query"] = ("GET /culture/en?returnUrl=/\u00e3\u0080\u0080/evil.example HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", false),
    };

    public static TheoryData<string> RawCases() => Names(RawRequests.Keys);

    /// <summary>Other requests a client can shape: unknown paths, odd methods, forms without their token, Blazor's own endpoints.</summary>
    public static TheoryData<string, string> OddRequests() => new()
    {
        { "GET", "/does-not-exist" }, { "GET", "/%00" }, { "GET", "/%ff" }, { "GET", "/..%2f..%2fetc%2fpasswd" }, { "GET", "/%E3%80%80" },
        { "GET", "/checkout/%0d%0a" }, { "GET", "/" + new string('x', 4000) }, { "GET", "/?" + new string('q', 6000) },
        { "PUT", "/" }, { "DELETE", "/checkout" }, { "PATCH", "/webhooks/adyen" }, { "GET", "/webhooks/adyen" }, { "OPTIONS", "/" },
        { "POST", "/" }, { "POST", "/checkout" }, { "POST", "/staff/login" }, { "POST", "/staff/logout" }, { "POST", "/culture/en" },
        { "GET", "/signin-edenred" }, { "GET", "/signin-edenred?state=forged&code=x" }, { "GET", "/signin-edenred?error=access_denied&state=x" },
        { "GET", "/_blazor" }, { "GET", "/_blazor?id=forged" }, { "POST", "/_blazor/negotiate" }, { "POST", "/_blazor/negotiate?negotiateVersion=x" },
        { "POST", "/_blazor/disconnect" }, { "GET", "/_framework/does-not-exist.js" }, { "GET", "/staff/settlement/export.csv" },
        { "GET", "/error" }, { "GET", "/error/500" }, { "GET", "/error/x" }, { "POST", "/error/404" },
    };

    private static Dictionary<string, Func<HttpRequestMessage>> BuildWebhookRequests()
    {
        const string Json = "application/json";
        var item = """{"amount":{"currency":"EUR","value":1000},"eventCode":"AUTHORISATION","merchantAccountCode":"MealCheckoutDemo","merchantReference":"X-V","pspReference":"PSP","success":"true"}""";
        var requests = new Dictionary<string, Func<HttpRequestMessage>>
        {
            ["no body"] = () => Webhook(null, null),
            ["empty JSON body"] = () => Webhook("", Json),
            ["text/plain"] = () => Webhook("{}", "text/plain"),
            ["form post"] = () => Webhook("notificationItems=1", "application/x-www-form-urlencoded"),
            ["XML"] = () => Webhook("<notificationItems/>", "application/xml"),
            ["multipart"] = () => new HttpRequestMessage(HttpMethod.Post, "/webhooks/adyen") { Content = new MultipartFormDataContent { { new StringContent("{}"), "body" } } },
            ["JSON labelled as a charset it is not"] = () => Webhook("{}", "application/json; charset=ebcdic"),
            ["content type with garbage"] = () => Webhook("{}", "application/json;;;===;"),
            ["not JSON"] = () => Webhook("hello", Json),
            ["truncated JSON"] = () => Webhook("{\"notificationItems\":[", Json),
            ["JSON array"] = () => Webhook("[]", Json),
            ["JSON null"] = () => Webhook("null", Json),
            ["JSON number"] = () => Webhook("1", Json),
            ["JSON string"] = () => Webhook("\"[accepted]\"", Json),
            ["items as a number"] = () => Webhook("""{"notificationItems":5}""", Json),
            ["items as a string"] = () => Webhook("""{"notificationItems":"x"}""", Json),
            ["items as an object"] = () => Webhook("""{"notificationItems":{}}""", Json),
            ["item as a number"] = () => Webhook("""{"notificationItems":[1]}""", Json),
            ["item as null"] = () => Webhook("""{"notificationItems":[null]}""", Json),
            ["request item as a number"] = () => Webhook("""{"notificationItems":[{"NotificationRequestItem":5}]}""", Json),
            ["empty request item"] = () => Webhook("""{"notificationItems":[{"NotificationRequestItem":{}}]}""", Json),
            ["amount as a string"] = () => Webhook(Batch(item.Replace("""{"currency":"EUR","value":1000}""", "\"10.00\"", StringComparison.Ordinal)), Json),
            ["amount value as a string"] = () => Webhook(Batch(item.Replace("\"value\":1000", "\"value\":\"1000\"", StringComparison.Ordinal)), Json),
            ["amount value as a fraction"] = () => Webhook(Batch(item.Replace("\"value\":1000", "\"value\":10.5", StringComparison.Ordinal)), Json),
            ["amount value beyond 64 bits"] = () => Webhook(Batch(item.Replace("\"value\":1000", "\"value\":1e30", StringComparison.Ordinal)), Json),
            ["negative amount"] = () => Webhook(Batch(item.Replace("\"value\":1000", "\"value\":-1000", StringComparison.Ordinal)), Json),
            ["success as a boolean"] = () => Webhook(Batch(item.Replace("\"success\":\"true\"", "\"success\":true", StringComparison.Ordinal)), Json),
            ["event code as a number"] = () => Webhook(Batch(item.Replace("\"eventCode\":\"AUTHORISATION\"", "\"eventCode\":7", StringComparison.Ordinal)), Json),
            ["additionalData as an array"] = () => Webhook(Batch(item.Insert(1, "\"additionalData\":[1,2],")), Json),
            ["additionalData with a nested object"] = () => Webhook(Batch(item.Insert(1, "\"additionalData\":{\"hmacSignature\":{\"x\":1}},")), Json),
            ["signature that is not base64"] = () => Webhook(Batch(item.Insert(1, "\"additionalData\":{\"hmacSignature\":\"%%%\"},")), Json),
            ["signature that is wrong"] = () => Webhook(Batch(item.Insert(1, "\"additionalData\":{\"hmacSignature\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"},")), Json),
            ["unsigned item"] = () => Webhook(Batch(item), Json),
            ["250 unsigned items in one batch"] = () => Webhook(Batch([.. Enumerable.Repeat(item, 250)]), Json),
            ["60 KB of empty items"] = () => Webhook("""{"notificationItems":[""" + string.Join(',', Enumerable.Repeat("{}", 20_000)) + "]}", Json),
            ["nested 10,000 deep"] = () => Webhook(new string('[', 10_000) + new string(']', 10_000), Json),
            ["invalid UTF-8"] = () => WebhookBytes([0x7B, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D], Json),
            ["UTF-16 with a byte order mark"] = () => WebhookBytes([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("{}")], Json),
            ["NUL bytes"] = () => WebhookBytes(new byte[512], Json),
            ["65 KB just over the limit"] = () => Webhook(Batch(item) + new string(' ', 65 * 1024), Json),
            ["1 MB"] = () => Webhook(new string('a', 1024 * 1024), Json),
            ["15 MB of unsigned items"] = () => Webhook(Batch([.. Enumerable.Repeat(item, 15 * 1024 * 1024 / item.Length)]), Json),
            // Over the limit with no length announced; small enough to be sent whole before the refusal
            // (a larger body races the server closing the connection and ends in a broken pipe instead).
            ["100 KB sent chunked"] = () => new HttpRequestMessage(HttpMethod.Post, "/webhooks/adyen")
            {
                Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 100 * 1024)))) { Headers = { { "Content-Type", Json } } },
            },
        };
        return requests;
    }

    /// <summary>A notification batch holding these items, each in its NotificationRequestItem wrapper.</summary>
    private static string Batch(params string[] items) =>
        $$"""{"live":"false","notificationItems":[{{string.Join(',', items.Select(i => $$"""{"NotificationRequestItem":{{i}}}"""))}}]}""";

    private static HttpRequestMessage Webhook(string? body, string? contentType)
    {
        // Waiting for "100 Continue" lets the app refuse a body over its limit before the body is sent.
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/adyen") { Headers = { ExpectContinue = body?.Length > 64 * 1024 } };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }
        return request;
    }

    private static HttpRequestMessage WebhookBytes(byte[] body, string contentType) => new(HttpMethod.Post, "/webhooks/adyen")
    {
        Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } },
    };

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }
        return data;
    }
}
