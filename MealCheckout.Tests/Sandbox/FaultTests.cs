using System.Diagnostics;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Faults;

namespace MealCheckout.Tests.Sandbox;

[Collection(SandboxCollection.Name)]
public sealed class FaultTests(SandboxHost host)
{
    private const string Merchant = "MealCheckoutDemo";

    [Fact]
    public async Task A_5xx_fault_answers_with_the_providers_error_body_and_moves_no_money()
    {
        host.Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Status, Match: "/payments", Value: 503));

        var (status, body) = await new AdyenApiClient(host).PostAsync("/payments", new { merchantAccount = Merchant, reference = "fault-503", amount = AdyenApiClient.Eur(300), paymentMethod = AdyenApiClient.Card("4111111111111111", type: "scheme") });

        Assert.Equal(503, status);
        Assert.Equal("internal", body.GetProperty("errorType").GetString());
        Assert.DoesNotContain(host.Get<AdyenLedger>().Payments, p => p.MerchantReference == "fault-503");
    }

    [Fact]
    public async Task A_dropped_connection_is_an_exception_for_the_caller()
    {
        host.Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "/paymentMethods"));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => new AdyenApiClient(host).PostAsync("/paymentMethods", new { merchantAccount = Merchant }));
    }

    [Fact]
    public async Task The_timeout_card_takes_the_money_but_never_answers_and_a_replay_gets_the_answer()
    {
        var request = new { merchantAccount = Merchant, reference = "timeout-1", amount = AdyenApiClient.Eur(900), paymentMethod = AdyenApiClient.Card("4000000000000119", type: "scheme") };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => new AdyenApiClient(host).PostAsync("/payments", request, "timeout-key"));

        var charged = Assert.Single(host.Get<AdyenLedger>().Payments, p => p.MerchantReference == "timeout-1");
        Assert.Equal(900, charged.HeldAmount);
        var replay = await new AdyenApiClient(host).PostAsync("/payments", request, "timeout-key");
        Assert.Equal(charged.PspReference, replay.Body.GetProperty("pspReference").GetString());
        Assert.Single(host.Get<AdyenLedger>().Payments, p => p.MerchantReference == "timeout-1");
    }

    [Fact]
    public async Task Latency_delays_the_answer_and_times_limits_how_often_a_fault_fires()
    {
        var faults = host.Get<SandboxFaults>();
        faults.Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.Latency, Match: "/paymentMethods", Value: 300, Times: 1));

        var watch = Stopwatch.StartNew();
        await new AdyenApiClient(host).PostAsync("/paymentMethods", new { merchantAccount = Merchant });
        // A lower bound only: a slow machine may take longer, never shorter.
        Assert.True(watch.ElapsedMilliseconds >= 300);
        Assert.DoesNotContain(faults.Pending, f => f.Kind == FaultKind.Latency);
    }

    [Fact]
    public async Task Faults_can_be_armed_over_HTTP_and_a_malformed_body_comes_back()
    {
        using var client = host.Client();
        var armed = await client.PostAsync("sandbox/control/faults", new StringContent(
            """{"target":"EdenredApi","kind":"MalformedBody","match":"spent.today"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, armed.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Get, "sandbox/edenred-api/v2/users/spent.today@yopmail.com");
        request.Headers.Authorization = new("Bearer", await EdenredLogin.AccessTokenAsync(host, "spent.today@yopmail.com"));
        request.Headers.Add("X-Client-Id", "mealcheckout-payment");
        request.Headers.Add("X-Client-Secret", "dev-only-edenred-payment-secret");
        var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => System.Text.Json.JsonDocument.Parse(text));
    }
}
