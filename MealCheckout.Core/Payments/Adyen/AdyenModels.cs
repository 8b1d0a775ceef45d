using System.Text.Json.Serialization;

namespace MealCheckout.Core.Payments.Adyen;

public sealed record AdyenAmount(string Currency, long Value)
{
    public static AdyenAmount Eur(Money amount) => new("EUR", amount.Cents);
}

public sealed record AdyenPaymentMethod(string Type, string Number, string ExpiryMonth, string ExpiryYear, string? Cvc)
{
    public const string MealVoucher = "mealVoucher_FR";
    public const string Scheme = "scheme";

    public static AdyenPaymentMethod From(string type, CardDetails card, bool withCvc = true) =>
        new(type, card.Number, card.ExpiryMonth.ToString("00", System.Globalization.CultureInfo.InvariantCulture),
            card.ExpiryYear.ToString(System.Globalization.CultureInfo.InvariantCulture), withCvc ? card.Cvc : null);

    // Keeps the card out of any log line that formats a request.
    public override string ToString() => $"{Type} •••• {Number[^4..]}";
}

public sealed record AdyenOrderReference(string PspReference, string OrderData);

public sealed record PaymentMethodsRequest(string MerchantAccount, string CountryCode);

public sealed record PaymentMethodsResponse(IReadOnlyList<AvailablePaymentMethod> PaymentMethods);

public sealed record AvailablePaymentMethod(string Name, string Type, IReadOnlyList<string>? Brands);

public sealed record BalanceRequest(string MerchantAccount, AdyenPaymentMethod PaymentMethod, string Reference, AdyenAmount? Amount);

public sealed record BalanceResponse(string PspReference, string ResultCode, AdyenAmount? Balance, string? RefusalReason);

public sealed record CreateOrderRequest(string MerchantAccount, string Reference, AdyenAmount Amount);

public sealed record CreateOrderResponse(string PspReference, string Reference, string ResultCode, string OrderData, AdyenAmount Amount, AdyenAmount RemainingAmount);

public sealed record CancelOrderRequest(string MerchantAccount, AdyenOrderReference Order);

public sealed record CancelOrderResponse(string PspReference, string ResultCode);

public sealed record PaymentRequest(string MerchantAccount, string Reference, AdyenAmount Amount, AdyenPaymentMethod PaymentMethod, AdyenOrderReference? Order);

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
