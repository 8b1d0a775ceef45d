using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MealCheckout.Tests.Integration.Web.MalformedInput;

/// <summary>
/// Several hundred malformed requests of every class a client can shape, against the real app on
/// loopback Kestrel: each gets a 4xx (or a harmless redirect) with a readable body, never a 5xx,
/// never a Location off this site, at most one log line, and no unhandled exception in the log.
/// </summary>
public sealed class MalformedInputTests(MalformedInputApp app) : IClassFixture<MalformedInputApp>
{
    [Theory]
    [MemberData(nameof(MalformedInputs.ReturnAddresses), MemberType = typeof(MalformedInputs))]
    public async Task A_hostile_return_address_never_leads_off_the_site(string endpoint, string returnAddress)
    {
        var url = string.Format(CultureInfo.InvariantCulture, endpoint, Uri.EscapeDataString(returnAddress));

        var answer = await app.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        AssertHandled(answer);
    }

    [Theory]
    [MemberData(nameof(MalformedInputs.UnboundIds), MemberType = typeof(MalformedInputs))]
    public async Task A_value_that_is_not_an_id_is_answered_without_a_server_error(string url)
    {
        var answer = await app.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        AssertHandled(answer);
    }

    [Theory]
    [MemberData(nameof(MalformedInputs.ExportRanges), MemberType = typeof(MalformedInputs))]
    public async Task A_settlement_export_outside_the_calendar_is_refused_with_a_sentence(string from, string to)
    {
        var answer = await app.Manager.SendAsync(new HttpRequestMessage(HttpMethod.Get,
            $"/staff/settlement/export.csv?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}"));

        Assert.Equal(400, answer.Status);
        Assert.Contains("yyyy-MM-dd", answer.Body, StringComparison.Ordinal);
        AssertHandled(answer);
    }

    [Theory]
    [MemberData(nameof(MalformedInputs.WebhookCases), MemberType = typeof(MalformedInputs))]
    public async Task A_malformed_notification_is_refused_with_a_4xx_and_a_plain_sentence(string name)
    {
        var answer = await app.Anonymous.SendAsync(MalformedInputs.WebhookRequests[name]());

        Assert.InRange(answer.Status, 400, 499);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body));
        AssertHandled(answer);
        Assert.Equal(HttpStatusCode.OK, await app.MenuStatusAsync());
    }

    [Theory]
    [MemberData(nameof(MalformedInputs.RawCases), MemberType = typeof(MalformedInputs))]
    public async Task A_request_broken_at_the_HTTP_level_is_answered_without_a_server_error(string name)
    {
        var (request, closeAfterSending) = MalformedInputs.RawRequests[name];

        var answer = await app.Anonymous.SendRawAsync(Encoding.Latin1.GetBytes(request), closeAfterSending);

        if (!closeAfterSending) // a client that hung up mid-body may get no answer at all
        {
            Assert.NotEqual(0, answer.Status);
        }
        AssertHandled(answer);
        Assert.Equal(HttpStatusCode.OK, await app.MenuStatusAsync());
    }

    [Theory]
    [MemberData(nameof(MalformedInputs.OddRequests), MemberType = typeof(MalformedInputs))]
    public async Task An_odd_method_or_path_is_answered_without_a_server_error(string method, string url)
    {
        var answer = await app.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : new StringContent("junk") });

        AssertHandled(answer);
    }

    [Theory]
    [InlineData("GET / HTTP/1.0\r\n\r\n")]
    [InlineData("GET /checkout HTTP/1.0\r\n\r\n")]
    [InlineData("GET / HTTP/1.0\r\nHost: localhost:99999\r\n\r\n")]
    public async Task A_request_without_a_usable_Host_is_refused_with_400(string request)
    {
        var answer = await app.Anonymous.SendRawAsync(Encoding.Latin1.GetBytes(request));

        Assert.Equal(400, answer.Status);
        AssertHandled(answer);
    }

    [Fact]
    public async Task A_page_that_does_not_exist_shows_a_sentence_and_a_way_back_in_the_diners_language()
    {
        var french = await app.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/nulle-part"));
        var english = await app.Anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/nowhere") { Headers = { { "Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den" } } });

        Assert.Equal((404, 404), (french.Status, english.Status));
        Assert.Contains("Cette page n’existe pas", french.Body, StringComparison.Ordinal);
        Assert.Contains("This page does not exist", english.Body, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">", english.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_hundreds_of_unsigned_items_writes_one_log_line()
    {
        var before = app.Logs.Entries.Count(e => e.Category.Contains("AdyenWebhookProcessor", StringComparison.Ordinal));

        var answer = await app.Anonymous.SendAsync(MalformedInputs.WebhookRequests["250 unsigned items in one batch"]());

        Assert.Equal(401, answer.Status);
        Assert.Single(answer.Logged);
        var warning = app.Logs.Entries.Where(e => e.Category.Contains("AdyenWebhookProcessor", StringComparison.Ordinal)).Skip(before).Single();
        Assert.Contains("250 of 250", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>No 5xx, no Location off this site, at most one log line and no exception logged.</summary>
    private void AssertHandled(HostileAnswer answer)
    {
        Assert.True(answer.Status is 0 or (>= 200 and < 500), $"answered {answer.Status}: {answer.Body}");
        if (answer.Location is { } location)
        {
            var target = new Uri(app.Anonymous.Root, location);
            Assert.Equal(app.Anonymous.Root.Authority, target.Authority);
            Assert.DoesNotContain(location, c => char.IsControl(c) || char.IsWhiteSpace(c));
        }
        Assert.InRange(answer.Logged.Count, 0, 1);
        Assert.DoesNotContain(answer.Logged, e => e.Exception is not null || e.Level >= LogLevel.Error);
    }
}
