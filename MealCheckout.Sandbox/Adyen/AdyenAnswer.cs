using System.Text.Json;

namespace MealCheckout.Sandbox.Adyen;

/// <summary>An answer of the Adyen-style API, kept as text so an idempotent replay is identical.</summary>
internal sealed record AdyenAnswer(int Status, string Json)
{
    public static AdyenAnswer Ok(object body, int status = 200) => new(status, JsonSerializer.Serialize(body));

    /// <summary>Adyen's error shape: status, errorCode, message, errorType, pspReference.</summary>
    public static AdyenAnswer Error(int status, string errorCode, string message, string errorType = "validation") =>
        new(status, JsonSerializer.Serialize(new { status, errorCode, message, errorType, pspReference = AdyenLedger.NewPspReference() }));
}
