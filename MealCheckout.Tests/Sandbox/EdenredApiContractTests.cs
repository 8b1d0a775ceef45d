using System.Text.Json;
using MealCheckout.Sandbox;

namespace MealCheckout.Tests.Sandbox;

/// <summary>
/// Replays every request/response example of Edenred's "Use Case: France" document against the
/// sandbox and compares the answers field by field: same names, same JSON types, same fixed values.
/// Generated values (ids) are compared by type only.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class EdenredApiContractTests(SandboxHost host)
{
    private const string Mid = "1999224";

    [Fact]
    public async Task Get_balance_matches_the_document()
    {
        // An account no other test spends from, so its whole daily limit is available.
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host, "holiday.allowed@yopmail.com"));

        var (status, body) = await api.SendAsync(HttpMethod.Get, "/v2/users/holiday.allowed@yopmail.com");

        Assert.Equal(200, status);
        AssertSameShape("""{"meta":{"status":"succeeded","messages":[]},"data":{"available_amount":1900,"currency":"EUR"}}""", body, exactValues: true);
    }

    [Fact]
    public async Task Estimate_charge_matches_the_document_and_caps_at_what_can_be_spent()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host, "low.balance@yopmail.com"));

        var (status, body) = await api.PostAsync("/v2/users/low.balance@yopmail.com/actions/estimate-charge", new { amount = 1900 });

        Assert.Equal(200, status);
        AssertSameShape("""{"meta":{"status":"succeeded","messages":[]},"data":{"available_amount":700,"currency":"EUR"}}""", body, exactValues: true);
    }

    [Fact]
    public async Task Auto_capture_then_refund_match_the_document()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));

        var (status, authorized) = await api.PostAsync("/v2/transactions", new { order_ref = "order-001", mid = Mid, amount = 1, capture_mode = "auto", extra_field = "order-fr-001", tstamp = EdenredApiClient.Tstamp() });
        Assert.Equal(200, status);
        AssertSameShape("""
            {"meta":{"status":"succeeded"},"data":{"order_ref":"order-001","mid":"1999224","status":"captured","authorization_id":"MTU5MjM3NjcyNzE5OTkyMjQ4MDAwM-642338","authorized_amount":1,"capture_id":"MTU5MjM3NjcyNzE5OTkyMjQ4MDAwM-642338","captured_amount":1}}
            """, authorized);
        var id = authorized.GetProperty("data").GetProperty("authorization_id").GetString();

        (status, var refunded) = await api.PostAsync($"/v2/transactions/{id}/actions/refund", new { amount = 1, capture_mode = "auto", tstamp = EdenredApiClient.Tstamp() });
        Assert.Equal(200, status);
        AssertSameShape("""
            {"meta":{"status":"succeeded"},"data":{"mid":"1999224","status":"refunded","refund_id":"MTU5MjM3NjcyNzE5OTkyMjQ4MDAwM","refunded_amount":1,"order_ref":"order-001","authorization_id":"MTU5MjM3NjcyNzE5OTkyMjQ4MDAwM-642338","authorized_amount":1,"capture_id":"MTU5MjM3NjcyNzE5OTkyMjQ4MDAwM-642338","captured_amount":1}}
            """, refunded);
    }

    [Fact]
    public async Task Manual_authorize_then_cancel_match_the_document()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
        var id = await AuthorizeManualAsync(api, 1);

        var (status, cancelled) = await new EdenredApiClient(host, null).PostAsync($"/v2/transactions/{id}/actions/cancel", new { amount = 1, tstamp = EdenredApiClient.Tstamp() });

        Assert.Equal(200, status);
        AssertSameShape("""
            {"meta":{"status":"succeeded"},"data":{"mid":"1999224","status":"cancelled","cancel_id":"MTU4ODY2MzI0NTE5OTkyMjQ4MDAwM","cancelled_amount":1,"order_ref":"order-fr-001","authorization_id":"MTU5MjMyMzI2NzE5OTkyMjQ4MDAwM-199570","authorized_amount":1}}
            """, cancelled);
    }

    [Fact]
    public async Task Manual_authorize_capture_then_refund_match_the_document()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
        var id = await AuthorizeManualAsync(api, 1);
        var clientOnly = new EdenredApiClient(host, null);

        var (status, captured) = await clientOnly.PostAsync($"/v2/transactions/{id}/actions/capture", new { amount = 1, tstamp = EdenredApiClient.Tstamp() });
        Assert.Equal(200, status);
        AssertSameShape("""
            {"meta":{"status":"succeeded","messages":[]},"data":{"order_ref":"order-fr-001","mid":"1999224","capture_id":"MTU5MjM3NTg1MjE5OTkyMjQ4MDAwM-520011","capture_amount":1,"status":"captured","authorization_id":"MTU5MjM3NTg1MjE5OTkyMjQ4MDAwM-520011","authorized_amount":1}}
            """, captured);

        (status, var refunded) = await clientOnly.PostAsync($"/v2/transactions/{id}/actions/refund", new { amount = 1, capture_mode = "manual", tstamp = EdenredApiClient.Tstamp() });
        Assert.Equal(200, status);
        AssertSameShape("""
            {"meta":{"status":"succeeded"},"data":{"mid":"1999224","status":"refunded","refund_id":"MTU4ODY2MzI0NTE5OTkyMjQ4MDAwM-520011","refunded_amount":1,"order_ref":"order-fr-001","capture_id":"MTU5MjM3NTg1MjE5OTkyMjQ4MDAwM-520011","capture_amount":1,"authorization_id":"MTU5MjM3NTg1MjE5OTkyMjQ4MDAwM-520011","authorized_amount":1}}
            """, refunded);
    }

    [Fact]
    public async Task The_same_write_with_the_same_tstamp_returns_the_first_answer_and_a_different_body_is_a_duplicate()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
        var tstamp = EdenredApiClient.Tstamp();
        var request = new { order_ref = "order-idem", mid = Mid, amount = 100, currency = "EUR", capture_mode = "manual", extra_field = "x", tstamp };

        var first = await api.PostAsync("/v2/transactions", request);
        var again = await api.PostAsync("/v2/transactions", request);
        var different = await api.PostAsync("/v2/transactions", request with { amount = 200 });

        Assert.Equal(200, first.Status);
        Assert.Equal(first.Body.GetRawText(), again.Body.GetRawText());
        Assert.Equal(1, host.Get<MealCheckout.Sandbox.Edenred.EdenredLedger>().Transactions.Count(t => t.OrderRef == "order-idem"));
        Assert.Equal(400, different.Status);
        Assert.Equal("TRANSACTION_DUPLICATED", EdenredApiClient.ErrorCode(different.Body));
    }

    [Fact]
    public async Task Status_read_reports_what_happened_to_a_transaction()
    {
        var api = new EdenredApiClient(host, await EdenredLogin.AccessTokenAsync(host));
        var id = await AuthorizeManualAsync(api, 250);

        var (status, body) = await new EdenredApiClient(host, null).SendAsync(HttpMethod.Get, $"/v2/transactions/{id}");

        Assert.Equal(200, status);
        Assert.Equal("authorized", body.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(250, body.GetProperty("data").GetProperty("authorized_amount").GetInt64());
    }

    internal static async Task<string> AuthorizeManualAsync(EdenredApiClient api, long amount)
    {
        var (status, body) = await api.PostAsync("/v2/transactions", new { order_ref = "order-fr-001", mid = Mid, amount, currency = "EUR", capture_mode = "manual", extra_field = "order-fr-001", tstamp = EdenredApiClient.Tstamp() });
        Assert.True(status == 200, body.GetRawText());
        AssertSameShape("""
            {"meta":{"status":"succeeded"},"data":{"order_ref":"order-fr-001","mid":"1999224","status":"authorized","authorization_id":"MTU5MjMyMzI2NzE5OTkyMjQ4MDAwM-199570","authorized_amount":1}}
            """, body, exactValues: false);
        return body.GetProperty("data").GetProperty("authorization_id").GetString()!;
    }

    /// <summary>
    /// Same property names in the same order, same JSON kinds; fixed values (status words, mid,
    /// order_ref, amounts) equal unless <paramref name="exactValues"/> is false; ids by kind only.
    /// </summary>
    internal static void AssertSameShape(string documentExample, JsonElement actual, bool exactValues = true)
    {
        using var expected = JsonDocument.Parse(documentExample);
        Compare(expected.RootElement, actual, "$", exactValues);
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path, bool exactValues)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, got {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).ToList(), actual.EnumerateObject().Select(p => p.Name).ToList());
                foreach (var property in expected.EnumerateObject())
                {
                    Compare(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}", exactValues);
                }
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                break;
            default:
                var generated = path.EndsWith("_id", StringComparison.Ordinal);
                var amount = path.EndsWith("amount", StringComparison.Ordinal);
                if (!generated && (exactValues || !amount))
                {
                    Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                }
                break;
        }
    }
}
