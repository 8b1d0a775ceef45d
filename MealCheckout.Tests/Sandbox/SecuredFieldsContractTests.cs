using System.Text.Json;

namespace MealCheckout.Tests.Sandbox;

/// <summary>
/// The Adyen-style sandbox reads card fields encrypted as its secured fields encrypt them, and refuses,
/// with the provider's error shape, values altered in transit, encrypted with another key, or made
/// longer ago than their lifetime.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SecuredFieldsContractTests(SandboxHost host)
{
    private const string Merchant = "MealCheckoutDemo";
    private const string BimpliFull = "5038110000000010";
    private const string Visa = "4111111111111111";

    private AdyenApiClient Api => new(host);

    private async Task<SecuredFieldsEncryption> KeyAsync()
    {
        using var client = host.Client();
        return await SecuredFieldsEncryption.FetchAsync(client);
    }

    private static Dictionary<string, object> Method(string type, Dictionary<string, string> encrypted)
    {
        var method = new Dictionary<string, object> { ["type"] = type };
        foreach (var (name, value) in encrypted)
        {
            method[name] = value;
        }
        return method;
    }

    [Fact]
    public async Task Encrypted_fields_check_a_balance_and_pay_like_the_clear_card()
    {
        var encryption = await KeyAsync();
        var voucher = encryption.Card(BimpliFull, "12", "2030", "737", host.Clock.GetUtcNow());

        var (status, balance) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = Method("mealVoucher_FR", voucher), reference = "enc-bal" });
        Assert.Equal(200, status);
        Assert.Equal("Success", balance.GetProperty("resultCode").GetString());
        Assert.Equal("0010", balance.GetProperty("additionalData").GetProperty("cardSummary").GetString());
        var (_, clearBalance) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = AdyenApiClient.Card(BimpliFull), reference = "clear-bal" });
        Assert.Equal(clearBalance.GetProperty("additionalData").GetProperty("alias").GetString(), balance.GetProperty("additionalData").GetProperty("alias").GetString());

        var card = encryption.Card(Visa, "12", "2030", "737", host.Clock.GetUtcNow());
        var (payStatus, paid) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "enc-pay", amount = AdyenApiClient.Eur(550), paymentMethod = Method("scheme", card) }, "enc-pay-key");
        Assert.Equal(200, payStatus);
        Assert.Equal("Authorised", paid.GetProperty("resultCode").GetString());
        Assert.Equal("1111", paid.GetProperty("additionalData").GetProperty("cardSummary").GetString());
        Assert.Equal("411111", paid.GetProperty("additionalData").GetProperty("cardBin").GetString()); // read from the number it decrypted
        Assert.Equal("visa", paid.GetProperty("additionalData").GetProperty("paymentMethod").GetString());
    }

    [Fact]
    public async Task A_wrong_cvc_sent_encrypted_is_declined_like_a_clear_one()
    {
        var encryption = await KeyAsync();
        var card = encryption.Card(Visa, "12", "2030", "000", host.Clock.GetUtcNow());

        var (_, paid) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "enc-cvc", amount = AdyenApiClient.Eur(550), paymentMethod = Method("scheme", card) }, "enc-cvc-key");

        Assert.Equal("Refused", paid.GetProperty("resultCode").GetString());
        Assert.Equal("CVC Declined", paid.GetProperty("refusalReason").GetString());
    }

    [Fact]
    public async Task A_value_altered_in_transit_is_refused_as_undecryptable()
    {
        var encryption = await KeyAsync();
        var card = encryption.Card(Visa, "12", "2030", "737", host.Clock.GetUtcNow());
        var parts = card["encryptedCardNumber"].Split('.');
        var ciphertext = SecuredFieldsEncryption.FromBase64Url(parts[3]);
        ciphertext[0] ^= 0x01; // one bit of the number flipped
        parts[3] = SecuredFieldsEncryption.ToBase64Url(ciphertext);
        card["encryptedCardNumber"] = string.Join('.', parts);

        var (status, error) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "enc-tamper", amount = AdyenApiClient.Eur(550), paymentMethod = Method("scheme", card) }, "enc-tamper-key");

        AssertAdyenError(status, error, "174");
        Assert.DoesNotContain(host.Get<MealCheckout.Sandbox.Adyen.AdyenLedger>().Payments, p => p.MerchantReference == "enc-tamper");
    }

    [Fact]
    public async Task A_field_moved_from_one_name_to_another_is_refused()
    {
        var encryption = await KeyAsync();
        var card = encryption.Card(Visa, "12", "2030", "737", host.Clock.GetUtcNow());
        card["encryptedCardNumber"] = card["encryptedSecurityCode"]; // a valid value, under the wrong field

        var (status, error) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = Method("scheme", card), reference = "enc-swap" });

        AssertAdyenError(status, error, "174");
    }

    [Fact]
    public async Task Values_encrypted_with_another_key_are_refused_whatever_key_id_they_claim()
    {
        var encryption = await KeyAsync();
        foreach (var foreign in new[] { SecuredFieldsEncryption.Foreign(encryption.KeyId), SecuredFieldsEncryption.Foreign("another-key") })
        {
            var card = foreign.Card(BimpliFull, "12", "2030", "737", host.Clock.GetUtcNow());

            var (status, error) = await Api.PostAsync("/paymentMethods/balance", new { merchantAccount = Merchant, paymentMethod = Method("mealVoucher_FR", card), reference = "enc-foreign" });

            AssertAdyenError(status, error, "174");
        }
    }

    [Fact]
    public async Task Values_replayed_after_their_lifetime_or_dated_in_the_future_are_refused()
    {
        var encryption = await KeyAsync();
        var now = host.Clock.GetUtcNow();
        var stale = encryption.Card(Visa, "12", "2030", "737", now - TimeSpan.FromHours(25));
        var future = encryption.Card(Visa, "12", "2030", "737", now + TimeSpan.FromHours(1));
        var recent = encryption.Card(Visa, "12", "2030", "737", now - TimeSpan.FromHours(23));

        foreach (var card in new[] { stale, future })
        {
            var (status, error) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "enc-stale", amount = AdyenApiClient.Eur(100), paymentMethod = Method("scheme", card) });
            AssertAdyenError(status, error, "178");
        }
        var (okStatus, paid) = await Api.PostAsync("/payments", new { merchantAccount = Merchant, reference = "enc-recent", amount = AdyenApiClient.Eur(100), paymentMethod = Method("scheme", recent) });
        Assert.Equal(200, okStatus);
        Assert.Equal("Authorised", paid.GetProperty("resultCode").GetString());
    }

    [Fact]
    public async Task The_frames_are_served_for_the_page_that_frames_them_and_no_other()
    {
        using var client = host.Client();
        var frame = await client.GetAsync("sandbox/adyen/checkout/v71/securedfields/frame/number?origin=https%3A%2F%2Fshop.example&kind=card&lang=en");
        Assert.Equal(200, (int)frame.StatusCode);
        Assert.Contains("frame-ancestors https://shop.example", frame.Headers.GetValues("Content-Security-Policy").Single());
        var page = await frame.Content.ReadAsStringAsync();
        Assert.Contains("autocomplete=\"cc-number\"", page);
        Assert.Contains("inputmode=\"numeric\"", page);
        Assert.Contains("<label for=\"field\">Card number</label>", page);

        var noOrigin = await client.GetAsync("sandbox/adyen/checkout/v71/securedfields/frame/cvc?origin=https%3A%2F%2Fshop.example%2Fpath");
        Assert.Equal(400, (int)noOrigin.StatusCode);
        var script = await client.GetAsync("sandbox/adyen/checkout/v71/securedfields/securedfields.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertAdyenError(int status, JsonElement error, string code)
    {
        Assert.Equal(422, status);
        Assert.Equal(422, error.GetProperty("status").GetInt32());
        Assert.Equal(code, error.GetProperty("errorCode").GetString());
        Assert.Equal("validation", error.GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("pspReference").GetString()));
    }
}
