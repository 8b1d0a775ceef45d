using System.Net.Http.Headers;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;

namespace MealCheckout.Tests.Sandbox;

/// <summary>
/// Every row of the document's error table can be produced with its HTTP status: the ones a rule
/// raises are provoked by a real request; the others (issuer-side conditions like TEMPORARY_HOLD)
/// through the sandbox's fault injection.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class EdenredErrorCodeTests(SandboxHost host)
{
    private const string Mid = "1999224";

    [Fact]
    public void The_catalog_is_the_documents_table_row_for_row()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Sandbox", "Fixtures", "edenred-error-table.txt"))
            .Skip(2)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 5 && int.TryParse(cells[0], out _))
            .Select(cells => new EdenredError(int.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture), cells[2], cells[4]))
            .ToList();

        Assert.Equal(76, rows.Count);
        Assert.Equal(rows, EdenredErrorCatalog.All);
    }

    public static TheoryData<string, string> RuleProducedCodes() => new()
    {
        { "EMPTY_AUTHORIZATION_TOKEN", "no bearer" },
        { "INVALID_TOKEN", "unknown bearer" },
        { "INVALID_TOKEN_ISSUER", "token of another user" },
        { "USER_INACTIVE", "inactive user" },
        { "FORBIDDEN", "wrong client secret" },
        { "UNSUPPORTED_MEDIA_TYPE", "text body" },
        { "NOT_ACCEPTABLE", "accept xml" },
        { "METHOD_NOT_ALLOWED", "delete a user" },
        { "BAD_REQUEST", "missing fields" },
        { "INVALID_MERCHANT", "wrong mid" },
        { "INVALID_CURRENCY_CODE", "usd" },
        { "INVALID_CAPTURE_MODE", "capture mode later" },
        { "INVALID_AMOUNT", "zero amount" },
        { "LIMIT_EXCEEDED", "over the daily limit" },
        { "CARD_BLOCKED", "blocked card user" },
        { "TRANSACTION_NOT_FOUND", "unknown id" },
        { "INTERNAL_ERROR", "amount as text" },
    };

    [Theory]
    [MemberData(nameof(RuleProducedCodes))]
    public async Task Rules_produce_their_documented_code_and_status(string code, string situation)
    {
        var token = await EdenredLogin.AccessTokenAsync(host, situation == "blocked card user" ? "blocked.card@yopmail.com" : "spent.today@yopmail.com");
        var api = new EdenredApiClient(host, situation switch { "no bearer" => null, "unknown bearer" => "not-a-token", _ => token });
        object Authorize(long amount = 100, string mid = Mid, string currency = "EUR", string mode = "manual") =>
            new { order_ref = "o-" + situation, mid, amount, currency, capture_mode = mode, tstamp = EdenredApiClient.Tstamp() };

        var (status, body) = situation switch
        {
            "token of another user" => await api.SendAsync(HttpMethod.Get, "/v2/users/lerouxpablo@yopmail.com"),
            "inactive user" => await new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host, "inactive@yopmail.com")).SendAsync(HttpMethod.Get, "/v2/users/inactive@yopmail.com"),
            "wrong client secret" => await api.SendAsync(HttpMethod.Get, "/v2/users/spent.today@yopmail.com", tweak: r => { r.Headers.Remove("X-Client-Secret"); r.Headers.Add("X-Client-Secret", "wrong"); }),
            "text body" => await api.SendAsync(HttpMethod.Post, "/v2/transactions", null, r => r.Content = new StringContent("amount=1")),
            "accept xml" => await api.SendAsync(HttpMethod.Get, "/v2/users/spent.today@yopmail.com", tweak: r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"))),
            "delete a user" => await api.SendAsync(HttpMethod.Delete, "/v2/users/spent.today@yopmail.com"),
            "missing fields" => await api.PostAsync("/v2/transactions", new { amount = 100, tstamp = EdenredApiClient.Tstamp() }),
            "wrong mid" => await api.PostAsync("/v2/transactions", Authorize(mid: "42")),
            "usd" => await api.PostAsync("/v2/transactions", Authorize(currency: "USD")),
            "capture mode later" => await api.PostAsync("/v2/transactions", Authorize(mode: "later")),
            "zero amount" => await api.PostAsync("/v2/transactions", Authorize(amount: 0)),
            "over the daily limit" => await api.PostAsync("/v2/transactions", Authorize(amount: 800)), // 1200 of 1900 already spent today
            "blocked card user" => await api.PostAsync("/v2/transactions", Authorize()),
            "unknown id" => await api.PostAsync("/v2/transactions/NOPE-1/actions/capture", new { amount = 1, tstamp = EdenredApiClient.Tstamp() }),
            "amount as text" => await api.SendAsync(HttpMethod.Post, "/v2/transactions", $$"""{"order_ref":"o","mid":"{{Mid}}","amount":"ten","capture_mode":"manual","tstamp":"{{EdenredApiClient.Tstamp()}}"}"""),
            _ => await api.SendAsync(HttpMethod.Get, "/v2/users/spent.today@yopmail.com"),
        };

        Assert.Equal(code, EdenredApiClient.ErrorCode(body));
        Assert.Contains(EdenredErrorCatalog.All, e => e.Code == code && e.HttpStatus == status);
        Assert.Equal("error", body.GetProperty("meta").GetProperty("messages")[0].GetProperty("level").GetString());
        Assert.Equal("failed", body.GetProperty("meta").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Status_preconditions_and_full_amount_rules_of_cancel_capture_and_refund()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
        var clientOnly = new EdenredApiClient(host, null);
        var id = await EdenredApiContractTests.AuthorizeManualAsync(api, 300);

        Assert.Equal("INVALID_AMOUNT", await CodeOf(clientOnly.PostAsync($"/v2/transactions/{id}/actions/cancel", new { amount = 100, tstamp = EdenredApiClient.Tstamp() })));
        Assert.Equal("TRANSACTION_STATUS_MUST_BE_CAPTURED", await CodeOf(clientOnly.PostAsync($"/v2/transactions/{id}/actions/refund", new { amount = 300, capture_mode = "manual", tstamp = EdenredApiClient.Tstamp() })));
        var (captured, _) = await clientOnly.PostAsync($"/v2/transactions/{id}/actions/capture", new { amount = 300, tstamp = EdenredApiClient.Tstamp() });
        Assert.Equal(200, captured);
        Assert.Equal("TRANSACTION_STATUS_MUST_BE_AUTHORIZED", await CodeOf(clientOnly.PostAsync($"/v2/transactions/{id}/actions/cancel", new { amount = 300, tstamp = EdenredApiClient.Tstamp() })));
        Assert.Equal("PARTIAL_REVERSALS_NOT_ALLOWED", await CodeOf(clientOnly.PostAsync($"/v2/transactions/{id}/actions/refund", new { amount = 100, capture_mode = "manual", tstamp = EdenredApiClient.Tstamp() })));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1999999")]
    public async Task A_blank_or_unknown_mid_is_an_invalid_merchant_and_holds_nothing(string mid)
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
        var before = host.Get<EdenredLedger>().Transactions.Count;

        var (status, body) = await api.PostAsync("/v2/transactions", new { order_ref = "o-mid", mid, amount = 100, currency = "EUR", capture_mode = "manual", tstamp = EdenredApiClient.Tstamp() });

        Assert.Equal((400, "INVALID_MERCHANT"), (status, EdenredApiClient.ErrorCode(body)));
        Assert.Equal("The merchant is not valid, please check the given mid.", body.GetProperty("meta").GetProperty("messages")[0].GetProperty("text").GetString());
        Assert.Equal(before, host.Get<EdenredLedger>().Transactions.Count);
    }

    [Fact]
    public async Task Each_transaction_keeps_the_mid_it_was_authorised_under()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));

        var (status, body) = await api.PostAsync("/v2/transactions", new { order_ref = "o-second-shop", mid = EdenredTestMerchants.Second, amount = 100, currency = "EUR", capture_mode = "manual", tstamp = EdenredApiClient.Tstamp() });

        Assert.Equal((200, EdenredTestMerchants.Second), (status, body.GetProperty("data").GetProperty("mid").GetString()));
        var id = body.GetProperty("data").GetProperty("authorization_id").GetString();
        Assert.Equal(EdenredTestMerchants.Second, host.Get<EdenredLedger>().Find(id!)!.Mid);
    }

    [Fact]
    public async Task Sundays_are_declined_unless_the_employer_allowed_them()
    {
        host.Clock.Set(new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero)); // a Sunday
        try
        {
            var regular = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
            var allowed = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host, "holiday.allowed@yopmail.com"));
            var request = new { order_ref = "sunday", mid = Mid, amount = 100, capture_mode = "manual", tstamp = EdenredApiClient.Tstamp() };
            Assert.Equal("DECLINED", await CodeOf(regular.PostAsync("/v2/transactions", request)));
            Assert.Equal(200, (await allowed.PostAsync("/v2/transactions", request with { tstamp = EdenredApiClient.Tstamp() })).Status);
        }
        finally
        {
            host.Clock.Set(SandboxHost.Tuesday);
        }
    }

    public static TheoryData<int, string, string> EveryFailureRow()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var row in EdenredErrorCatalog.All.Where(e => !e.IsSuccess))
        {
            data.Add(row.HttpStatus, row.Code, row.Description);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryFailureRow))]
    public async Task Every_failure_row_can_be_injected_with_its_status(int httpStatus, string code, string description)
    {
        var faults = host.Get<SandboxFaults>();
        var marker = "fault-" + Guid.NewGuid().ToString("N");
        faults.Arm(new SandboxFault(FaultTarget.EdenredApi, FaultKind.ErrorCode, Match: marker, Code: code));
        var api = new EdenredApiClient(host, null);

        var (status, body) = await api.PostAsync($"/v2/transactions/{marker}/actions/capture", new { amount = 1, tstamp = EdenredApiClient.Tstamp() });

        Assert.Equal(code, EdenredApiClient.ErrorCode(body));
        // A code listed on several rows is injected as its first row; every row of a code has the same status.
        Assert.Equal(EdenredErrorCatalog.Get(code).HttpStatus, status);
        Assert.Equal(httpStatus, status);
        Assert.Contains(EdenredErrorCatalog.All, e => e.Code == code && e.Description == description);
    }

    private static async Task<string?> CodeOf(Task<(int Status, System.Text.Json.JsonElement Body)> call) => EdenredApiClient.ErrorCode((await call).Body);
}
