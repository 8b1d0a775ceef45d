using System.Text.Json.Serialization;

namespace MealCheckout.Core.Payments.Adyen;

public sealed record AdyenAmount(string Currency, long Value)
{
    public static AdyenAmount Eur(Money amount) => new("EUR", amount.Cents);
}

/// <summary>
/// The card of a balance check or payment: clear fields, or the <c>encrypted…</c> fields the provider's
/// secured fields made in the browser, in their place (the provider reads them; this app cannot).
/// </summary>
public sealed record AdyenPaymentMethod(string Type, string? Number, string? ExpiryMonth, string? ExpiryYear, string? Cvc)
{
    public const string MealVoucher = "mealVoucher_FR";
    public const string Scheme = "scheme";

    public string? EncryptedCardNumber { get; init; }
    public string? EncryptedExpiryMonth { get; init; }
    public string? EncryptedExpiryYear { get; init; }
    public string? EncryptedSecurityCode { get; init; }

    public static AdyenPaymentMethod From(string type, PaymentCard card, bool withCvc = true) => card switch
    {
        CardDetails clear => new(type, clear.Number, clear.ExpiryMonth.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            clear.ExpiryYear.ToString(System.Globalization.CultureInfo.InvariantCulture), withCvc ? clear.Cvc : null),
        EncryptedCard encrypted => new(type, null, null, null, null)
        {
            EncryptedCardNumber = encrypted.EncryptedCardNumber,
            EncryptedExpiryMonth = encrypted.EncryptedExpiryMonth,
            EncryptedExpiryYear = encrypted.EncryptedExpiryYear,
            EncryptedSecurityCode = withCvc ? encrypted.EncryptedSecurityCode : null,
        },
        _ => throw new ArgumentException($"Unknown card kind {card.GetType().Name}.", nameof(card)),
    };

    // Keeps the card out of any log line that formats a request.
    public override string ToString() => Number is { Length: >= 4 } ? $"{Type} •••• {Number[^4..]}" : $"{Type} (encrypted)";
}

public sealed record AdyenOrderReference(string PspReference, string OrderData);

public sealed record PaymentMethodsRequest(string MerchantAccount, string CountryCode);

public sealed record PaymentMethodsResponse(IReadOnlyList<AvailablePaymentMethod> PaymentMethods);

public sealed record AvailablePaymentMethod(string Name, string Type, IReadOnlyList<string>? Brands);

public sealed record BalanceRequest(string MerchantAccount, AdyenPaymentMethod PaymentMethod, string Reference, AdyenAmount? Amount);

/// <summary><see cref="AdditionalData"/> names the card without its number: <c>cardSummary</c> (last four), <c>alias</c>, <c>paymentMethod</c>.</summary>
public sealed record BalanceResponse(string PspReference, string ResultCode, AdyenAmount? Balance, string? RefusalReason, Dictionary<string, string>? AdditionalData = null);

public sealed record CreateOrderRequest(string MerchantAccount, string Reference, AdyenAmount Amount);

public sealed record CreateOrderResponse(string PspReference, string Reference, string ResultCode, string OrderData, AdyenAmount Amount, AdyenAmount RemainingAmount);

public sealed record CancelOrderRequest(string MerchantAccount, AdyenOrderReference Order);

public sealed record CancelOrderResponse(string PspReference, string ResultCode);

public sealed record PaymentRequest(string MerchantAccount, string Reference, AdyenAmount Amount, AdyenPaymentMethod PaymentMethod, AdyenOrderReference? Order)
{
    public Dictionary<string, string>? AdditionalData { get; init; }
}

public sealed record PaymentResponse(
    string PspReference, string ResultCode, AdyenAmount? Amount, string? RefusalReason, string? RefusalReasonCode, string? MerchantReference,
    PaymentOrderState? Order, Dictionary<string, string>? AdditionalData)
{
    public bool IsAuthorised => ResultCode is "Authorised" or "PartiallyAuthorised";
}

public sealed record PaymentOrderState(string PspReference, string OrderData, AdyenAmount RemainingAmount);

public sealed record ModificationRequest(string MerchantAccount, string Reference, AdyenAmount? Amount);

public sealed record ModificationResponse(string PspReference, string PaymentPspReference, string Status);

/// <summary>Adyen's technical cancel: releases, by the merchant's own reference, a payment whose answer never came.</summary>
public sealed record TechnicalCancelRequest(string MerchantAccount, string PaymentReference, string Reference);

public sealed record TechnicalCancelResponse(string PspReference, string PaymentReference, string Status);

public sealed record AdyenErrorResponse(int Status, string ErrorCode, string? Message, string? ErrorType);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PaymentMethodsRequest))]
[JsonSerializable(typeof(PaymentMethodsResponse))]
[JsonSerializable(typeof(BalanceRequest))]
[JsonSerializable(typeof(BalanceResponse))]
[JsonSerializable(typeof(CreateOrderRequest))]
[JsonSerializable(typeof(CreateOrderResponse))]
[JsonSerializable(typeof(CancelOrderRequest))]
[JsonSerializable(typeof(CancelOrderResponse))]
[JsonSerializable(typeof(PaymentRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(ModificationRequest))]
[JsonSerializable(typeof(ModificationResponse))]
[JsonSerializable(typeof(TechnicalCancelRequest))]
[JsonSerializable(typeof(TechnicalCancelResponse))]
[JsonSerializable(typeof(AdyenErrorResponse))]
internal sealed partial class AdyenJsonContext : JsonSerializerContext;
