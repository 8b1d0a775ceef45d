using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace MealCheckout.Core.Payments.Adyen;

public sealed record AdyenNotificationRequest(string? Live, IReadOnlyList<AdyenNotificationItemContainer> NotificationItems);

// Adyen spells this one property in PascalCase.
public sealed record AdyenNotificationItemContainer([property: JsonPropertyName("NotificationRequestItem")] AdyenNotificationItem NotificationRequestItem);

public sealed record AdyenNotificationItem(
    Dictionary<string, string>? AdditionalData, AdyenAmount Amount, string EventCode, string? EventDate, string MerchantAccountCode,
    string MerchantReference, string? OriginalReference, string PspReference, string? PaymentMethod, string? Reason, string Success)
{
    public bool IsSuccess => Success == "true";

    /// <summary>
    /// Checks the HMAC-SHA256 signature Adyen puts in additionalData, in constant time so the
    /// comparison leaks nothing about the expected value.
    /// </summary>
    public bool HasValidSignature(string hmacKeyHex)
    {
        if (AdditionalData?.GetValueOrDefault("hmacSignature") is not { Length: > 0 } signature)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        var payload = string.Join(':', PspReference, OriginalReference ?? "", MerchantAccountCode, MerchantReference,
            Amount.Value.ToString(CultureInfo.InvariantCulture), Amount.Currency, EventCode, Success);
        var expected = HMACSHA256.HashData(Convert.FromHexString(hmacKeyHex), Encoding.UTF8.GetBytes(payload));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AdyenNotificationRequest))]
public sealed partial class AdyenNotificationJsonContext : JsonSerializerContext;
