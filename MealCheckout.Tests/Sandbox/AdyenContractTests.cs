using System.Text.Json;
using MealCheckout.Sandbox.Adyen;

namespace MealCheckout.Tests.Sandbox;

[Collection(SandboxCollection.Name)]
public sealed class AdyenContractTests(SandboxHost host)
{
    private const string Merchant = "MealCheckoutDemo";
    private const string BimpliFull = "5038110000000010";
    private const string BimpliLow = "5038110000000028";
    private const string PluxeePartial = "5035450000000054";

    private AdyenApiClient Api => new(host);

    [Fact]
    public async Task Payment_methods_list_the_three_CONECS_brands_and_cards()
    {
        var (status, body) = await Api.PostAsync("/paymentMethods", new { merchantAccount = Merchant, countryCode = "FR" });

        Assert.Equal(200, status);
        var types = body.GetProperty("paymentMethods").EnumerateArray().Select(m => m.GetProperty("type").GetString()).ToList();
        Assert.Equal(["mealVoucher_FR_natixis", "mealVoucher_FR_sodexo", "mealVoucher_FR_groupeup", "scheme"], types);
    }

    [Fact]
    public async Task Wrong_api_key_and_wrong_merchant_account_are_refused()
    {
        Assert.Equal(401, (await Api.PostAsync("/paymentMethods", new { merchantAccount = Merchant }, apiKey: "wrong")).Status);
        var (status, body) = await Api.PostAsync("/paymentMethods", new { merchantAccount = "Other" });
        Assert.Equal(403, status);
        Assert.Equal("security", body.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Balance_check_reports_the_cards_balance_and_refuses_expired_cards()
    {
        var (status, body) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = AdyenApiClient.Card(BimpliLow), reference = "bal-1", amount = AdyenApiClient.Eur(2000) });
        Assert.Equal(200, status);
        Assert.Equal("NotEnoughBalance", body.GetProperty("resultCode").GetString());
        Assert.Equal(800, body.GetProperty("balance").GetProperty("value").GetInt64());

        (_, body) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = AdyenApiClient.Card("5038110000000036", month: "03", year: "2024"), reference = "bal-2" });
        Assert.Equal("Failed", body.GetProperty("resultCode").GetString());
        Assert.Equal("Expired Card", body.GetProperty("refusalReason").GetString());

        (status, _) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = AdyenApiClient.Card(BimpliFull), reference = new string('r', 81) });
        Assert.Equal(422, status);
    }

    [Fact]
    public async Task Voucher_then_card_in_one_order_and_cancelling_the_order_leaves_nothing_held()
    {
        var (_, order) = await Api.PostAsync("/orders", new { merchantAccount = Merchant, reference = "order-split", amount = AdyenApiClient.Eur(2400) });
        Assert.Equal("Success", order.GetProperty("resultCode").GetString());
        var orderRef = new { pspReference = order.GetProperty("pspReference").GetString(), orderData = order.GetProperty("orderData").GetString() };

        var (status, voucher) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "order-split-v", amount = AdyenApiClient.Eur(1850), paymentMethod = AdyenApiClient.Card(BimpliFull), order = orderRef }, "key-split-v");
        Assert.Equal(200, status);
        Assert.Equal("Authorised", voucher.GetProperty("resultCode").GetString());
        Assert.Equal(550, voucher.GetProperty("order").GetProperty("remainingAmount").GetProperty("value").GetInt64());
        Assert.Equal("0010", voucher.GetProperty("additionalData").GetProperty("cardSummary").GetString());

        var (_, card) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "order-split-c", amount = AdyenApiClient.Eur(550), paymentMethod = AdyenApiClient.Card("4111111111111111", type: "scheme"), order = orderRef }, "key-split-c");
        Assert.Equal("Authorised", card.GetProperty("resultCode").GetString());
        Assert.Equal(0, card.GetProperty("order").GetProperty("remainingAmount").GetProperty("value").GetInt64());

        var (cancelStatus, cancelled) = await Api.PostAsync("/orders/cancel", new { merchantAccount = Merchant, order = orderRef });
        Assert.Equal(200, cancelStatus);
        Assert.Equal("Received", cancelled.GetProperty("resultCode").GetString());
        var ledger = host.Get<AdyenLedger>();
        var payments = ledger.Payments.Where(p => p.OrderPspReference == orderRef.pspReference).ToList();
        Assert.Equal(2, payments.Count);
        Assert.All(payments, p => Assert.Equal(0, p.HeldAmount));
        Assert.All(payments, p => Assert.Equal("cancelled", p.Status));
    }

    [Fact]
    public async Task A_technical_cancel_releases_by_reference_the_payment_made_before_it_and_one_arriving_after()
    {
        var card = AdyenApiClient.Card("4111111111111111", type: "scheme");
        await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "lost-1", amount = AdyenApiClient.Eur(900), paymentMethod = card }, "key-lost-1");

        var (status, cancel) = await Api.PostAsync("/cancels", new { merchantAccount = Merchant, paymentReference = "lost-1", reference = "cancel-lost-1" }, "key-cancel-lost-1");
        await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "lost-1", amount = AdyenApiClient.Eur(900), paymentMethod = card }, "key-lost-1-late");
        var (missing, _) = await Api.PostAsync("/cancels", new { merchantAccount = Merchant, reference = "cancel-nothing" });

        Assert.Equal((201, "received", "lost-1"), (status, cancel.GetProperty("status").GetString(), cancel.GetProperty("paymentReference").GetString()));
        var payments = host.Get<AdyenLedger>().Payments.Where(p => p.MerchantReference == "lost-1").ToList();
        Assert.Equal(2, payments.Count);
        Assert.All(payments, p => Assert.Equal(("cancelled", 0L), (p.Status, p.HeldAmount)));
        Assert.Equal(422, missing);
    }

    [Fact]
    public async Task A_partial_authorisation_card_authorises_less_than_asked()
    {
        var (_, body) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "partial-1", amount = AdyenApiClient.Eur(1800), paymentMethod = AdyenApiClient.Card(PluxeePartial) });

        Assert.Equal("PartiallyAuthorised", body.GetProperty("resultCode").GetString());
        Assert.Equal(1000, body.GetProperty("amount").GetProperty("value").GetInt64());
    }

    [Theory]
    [InlineData("5038110000000044", "737", "Blocked Card")]
    [InlineData("5044210000000010", "000", "CVC Declined")]
    [InlineData("4000000000000002", "737", "Refused")]
    [InlineData("4000000000009995", "737", "Not enough balance")]
    public async Task Refusals_carry_their_reason(string number, string cvc, string reason)
    {
        var type = number.StartsWith('4') ? "scheme" : "mealVoucher_FR";

        var (status, body) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "refused-" + number, amount = AdyenApiClient.Eur(500), paymentMethod = AdyenApiClient.Card(number, cvc, type: type) });

        Assert.Equal(200, status);
        Assert.Equal("Refused", body.GetProperty("resultCode").GetString());
        Assert.Equal(reason, body.GetProperty("refusalReason").GetString());
    }

    [Fact]
    public async Task Three_wrong_CVCs_lock_the_lockout_card()
    {
        const string lockout = "5044210000000069";
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = $"lock-{attempt}", amount = AdyenApiClient.Eur(200), paymentMethod = AdyenApiClient.Card(lockout, "111") });
        }

        var (_, body) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "lock-right-cvc", amount = AdyenApiClient.Eur(200), paymentMethod = AdyenApiClient.Card(lockout) });

        Assert.Equal("Blocked Card", body.GetProperty("refusalReason").GetString());
    }

    [Fact]
    public async Task The_daily_cap_of_a_voucher_card_holds_across_payments()
    {
        const string upFull = "5044210000000010";
        var first = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "cap-1", amount = AdyenApiClient.Eur(2000), paymentMethod = AdyenApiClient.Card(upFull) });
        var second = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "cap-2", amount = AdyenApiClient.Eur(600), paymentMethod = AdyenApiClient.Card(upFull) });

        Assert.Equal("Authorised", first.Body.GetProperty("resultCode").GetString());
        Assert.Equal("Withdrawal amount exceeded", second.Body.GetProperty("refusalReason").GetString());
    }

    [Fact]
    public async Task Malformed_card_numbers_are_refused_before_any_payment()
    {
        var (status, body) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "luhn", amount = AdyenApiClient.Eur(500), paymentMethod = AdyenApiClient.Card("5038110000000011") });

        Assert.Equal(422, status);
        Assert.Equal("101", body.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Same_idempotency_key_replays_and_a_different_body_is_refused()
    {
        var request = new { merchantAccount = Merchant, reference = "idem-1", amount = AdyenApiClient.Eur(300), paymentMethod = AdyenApiClient.Card("4111111111111111", type: "scheme") };

        var first = await Api.PostAsync("/payments", request, "idem-key-1");
        var again = await Api.PostAsync("/payments", request, "idem-key-1");
        var different = await Api.PostAsync("/payments", request with { reference = "idem-2" }, "idem-key-1");

        Assert.Equal(first.Body.GetRawText(), again.Body.GetRawText());
        Assert.Single(host.Get<AdyenLedger>().Payments, p => p.MerchantReference == "idem-1");
        Assert.Equal(422, different.Status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", different.Body.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Capture_then_refund_and_only_from_the_right_states()
    {
        var (_, payment) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "cap-ref", amount = AdyenApiClient.Eur(700), paymentMethod = AdyenApiClient.Card("4111111111111111", type: "scheme") });
        var psp = payment.GetProperty("pspReference").GetString();

        Assert.Equal(422, (await Api.PostAsync($"/payments/{psp}/refunds", new { merchantAccount = Merchant, reference = "r", amount = AdyenApiClient.Eur(700) })).Status);
        var (captureStatus, capture) = await Api.PostAsync($"/payments/{psp}/captures", new { merchantAccount = Merchant, reference = "c", amount = AdyenApiClient.Eur(700) });
        Assert.Equal(201, captureStatus);
        Assert.Equal("received", capture.GetProperty("status").GetString());
        Assert.Equal(psp, capture.GetProperty("paymentPspReference").GetString());
        Assert.Equal(422, (await Api.PostAsync($"/payments/{psp}/cancels", new { merchantAccount = Merchant, reference = "x" })).Status);
        Assert.Equal(201, (await Api.PostAsync($"/payments/{psp}/refunds", new { merchantAccount = Merchant, reference = "r", amount = AdyenApiClient.Eur(700) })).Status);
        Assert.Equal("refunded", host.Get<AdyenLedger>().FindPayment(psp!)!.Status);
    }

    [Fact]
    public async Task A_card_payment_is_refunded_in_parts_that_never_add_up_past_its_capture()
    {
        var (_, payment) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "part-ref", amount = AdyenApiClient.Eur(700), paymentMethod = AdyenApiClient.Card("4111111111111111", type: "scheme") });
        var psp = payment.GetProperty("pspReference").GetString();
        await Api.PostAsync($"/payments/{psp}/captures", new { merchantAccount = Merchant, reference = "c", amount = AdyenApiClient.Eur(700) });

        Assert.Equal(201, (await Api.PostAsync($"/payments/{psp}/refunds", new { merchantAccount = Merchant, reference = "r1", amount = AdyenApiClient.Eur(400) })).Status);
        Assert.Equal("captured", host.Get<AdyenLedger>().FindPayment(psp!)!.Status);
        var (tooMuch, refusal) = await Api.PostAsync($"/payments/{psp}/refunds", new { merchantAccount = Merchant, reference = "r2", amount = AdyenApiClient.Eur(301) });
        Assert.Equal((422, "137"), (tooMuch, refusal.GetProperty("errorCode").GetString()));
        Assert.Equal(201, (await Api.PostAsync($"/payments/{psp}/refunds", new { merchantAccount = Merchant, reference = "r3", amount = AdyenApiClient.Eur(300) })).Status);

        Assert.Equal(("refunded", 700L), (host.Get<AdyenLedger>().FindPayment(psp!)!.Status, host.Get<AdyenLedger>().FindPayment(psp!)!.RefundedAmount));
    }

    [Fact]
    public async Task A_hold_lowers_the_balance_until_it_is_cancelled_and_a_capture_lowers_it_for_good()
    {
        const string bimpliMixedLow = "4509030000000021"; // EUR 8.00, used by no other test of this sandbox
        async Task<long> BalanceAsync() =>
            (await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = AdyenApiClient.Card(bimpliMixedLow), reference = "bal" }))
            .Body.GetProperty("balance").GetProperty("value").GetInt64();
        async Task<string> PayAsync(string reference, long cents) =>
            (await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference, amount = AdyenApiClient.Eur(cents), paymentMethod = AdyenApiClient.Card(bimpliMixedLow) }))
            .Body.GetProperty("pspReference").GetString()!;

        var held = await PayAsync("hold-1", 300);
        var whileHeld = await BalanceAsync();
        await Api.PostAsync($"/payments/{held}/cancels", new { merchantAccount = Merchant, reference = "x" });
        var afterCancel = await BalanceAsync();
        var taken = await PayAsync("hold-2", 200);
        await Api.PostAsync($"/payments/{taken}/captures", new { merchantAccount = Merchant, reference = "c", amount = AdyenApiClient.Eur(200) });

        Assert.Equal((500L, 800L, 600L), (whileHeld, afterCancel, await BalanceAsync()));
    }

    [Fact]
    public async Task A_meal_voucher_payment_is_cancelled_before_capture_but_never_refunded_after()
    {
        var (_, held) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "mv-cancel", amount = AdyenApiClient.Eur(500), paymentMethod = AdyenApiClient.Card(BimpliFull) });
        var heldPsp = held.GetProperty("pspReference").GetString();
        Assert.Equal(201, (await Api.PostAsync($"/payments/{heldPsp}/cancels", new { merchantAccount = Merchant, reference = "x" })).Status);
        Assert.Equal("cancelled", host.Get<AdyenLedger>().FindPayment(heldPsp!)!.Status);

        var (_, taken) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "mv-refund", amount = AdyenApiClient.Eur(500), paymentMethod = AdyenApiClient.Card(BimpliFull) });
        var takenPsp = taken.GetProperty("pspReference").GetString();
        await Api.PostAsync($"/payments/{takenPsp}/captures", new { merchantAccount = Merchant, reference = "c", amount = AdyenApiClient.Eur(500) });
        var (status, body) = await Api.PostAsync($"/payments/{takenPsp}/refunds", new { merchantAccount = Merchant, reference = "r", amount = AdyenApiClient.Eur(500) });

        // Adyen's error envelope for an operation the payment method does not support.
        Assert.Equal(422, status);
        Assert.Equal((422, "905", "configuration"), (body.GetProperty("status").GetInt32(), body.GetProperty("errorCode").GetString(), body.GetProperty("errorType").GetString()));
        Assert.Contains("not supported", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("pspReference").GetString()));
        Assert.Equal(("captured", 0L), (host.Get<AdyenLedger>().FindPayment(takenPsp!)!.Status, host.Get<AdyenLedger>().FindPayment(takenPsp!)!.RefundedAmount));
    }

    [Fact]
    public async Task Webhooks_are_posted_signed_with_HMAC_SHA256()
    {
        var (_, payment) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "hook-1", amount = AdyenApiClient.Eur(400), paymentMethod = AdyenApiClient.Card("4111111111111111", type: "scheme") });
        var psp = payment.GetProperty("pspReference").GetString();

        JsonElement item = default;
        for (var i = 0; i < 100 && item.ValueKind == JsonValueKind.Undefined; i++)
        {
            item = host.Webhooks.Select(w => JsonDocument.Parse(w.Body).RootElement.GetProperty("notificationItems")[0].GetProperty("NotificationRequestItem").Clone())
                .FirstOrDefault(n => n.GetProperty("pspReference").GetString() == psp);
            await Task.Delay(50);
        }

        Assert.Equal("AUTHORISATION", item.GetProperty("eventCode").GetString());
        var notification = new AdyenNotification("AUTHORISATION", true, psp!, null, "hook-1", 400, "visa", null);
        Assert.Equal(AdyenWebhooks.Sign(notification, Merchant, AdyenApiClient.Defaults.HmacKeyHex), item.GetProperty("additionalData").GetProperty("hmacSignature").GetString());
    }
}
