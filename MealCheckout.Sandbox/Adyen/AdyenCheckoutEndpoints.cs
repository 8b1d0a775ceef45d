using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Payments;
using MealCheckout.Sandbox.Adyen.SecuredFields;
using MealCheckout.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MealCheckout.Sandbox.Adyen;

/// <summary>
/// The Adyen-style Checkout API (v71 shapes) for meal vouchers (CONECS: Bimpli, Pluxee, Up
/// Déjeuner) and bank cards: payment methods, balance, partial-payment orders, payments with
/// manual capture, captures, cancels, refunds, Idempotency-Key, and webhooks.
/// </summary>
internal sealed partial class AdyenCheckoutEndpoints(IOptions<SandboxOptions> options, AdyenLedger ledger, AdyenWebhooks webhooks, SandboxFaults faults, EncryptedCardFields encryptedFields)
{
    public const string Prefix = "/sandbox/adyen/checkout/v71";

    /// <summary>Adyen's generic "not supported" error code, answered to an operation a payment method does not allow.</summary>
    public const string UnsupportedOperationCode = "905";

    private readonly ConcurrentDictionary<string, (string BodyHash, AdyenAnswer Answer)> idempotent = new();
    private AdyenSandboxOptions Settings => options.Value.Adyen;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).DisableAntiforgery().ExcludeFromDescription();
        api.MapPost("/paymentMethods", (HttpContext h, AdyenCheckoutEndpoints e) => e.RunAsync(h, (_, _) => e.PaymentMethods()));
        api.MapPost("/paymentMethods/balance", (HttpContext h, AdyenCheckoutEndpoints e) => e.RunAsync(h, (b, _) => e.BalanceCheck(b)));
        api.MapPost("/orders", (HttpContext h, AdyenCheckoutEndpoints e) => e.RunAsync(h, (b, _) => e.CreateOrder(b)));
        api.MapPost("/orders/cancel", (HttpContext h, AdyenCheckoutEndpoints e) => e.RunAsync(h, (b, app) => e.CancelOrder(b, app)));
        api.MapPost("/payments", (HttpContext h, AdyenCheckoutEndpoints e) => e.RunAsync(h, (b, app) => e.Pay(b, app, h)));
        api.MapPost("/payments/{pspReference}/{action:regex(^(captures|cancels|refunds)$)}", (HttpContext h, string pspReference, string action, AdyenCheckoutEndpoints e) =>
            e.RunAsync(h, (b, app) => e.Modify(pspReference, action, b, app)));
        api.MapPost("/cancels", (HttpContext h, AdyenCheckoutEndpoints e) => e.RunAsync(h, (b, app) => e.CancelByReference(b, app)));
        api.MapGet("/payments/{pspReference}", (HttpContext h, string pspReference, AdyenCheckoutEndpoints e) => e.RunAsync(h, (_, _) => e.PaymentStatus(pspReference), isWrite: false));
    }

    private async Task<IResult> RunAsync(HttpContext http, Func<JsonElement, Uri, AdyenAnswer> operation, bool isWrite = true)
    {
        if (!Equal(http.Request.Headers["X-API-Key"], Settings.ApiKey))
        {
            return Answer(AdyenAnswer.Error(401, "000", "HTTP Status Response - Unauthorized", "security"));
        }
        var raw = isWrite ? await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync() : "{}";
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(raw).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Answer(AdyenAnswer.Error(400, "702", "Structure of the request is invalid: not JSON."));
        }
        if (isWrite && Str(body, "merchantAccount") != Settings.MerchantAccount)
        {
            return Answer(AdyenAnswer.Error(403, "901", "Invalid Merchant Account", "security"));
        }
        // Card fields encrypted in the shopper's browser are read here, and only here; a value that cannot be read is the answer.
        (body, var unreadable) = encryptedFields.Decrypt(body);
        if (unreadable is not null)
        {
            operation = (_, _) => unreadable;
        }
        var appBase = new Uri($"{http.Request.Scheme}://{http.Request.Host}/");
        // The card's last four digits: from the body, or for a capture, cancel or refund, from the payment it acts on.
        var number = CardNumber(body) ?? (http.Request.RouteValues["pspReference"] is string psp ? ledger.FindPayment(psp)?.CardNumber : null);
        var account = number is { Length: >= 4 } ? number[^4..] : null;
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        return await FaultInjection.RunAsync(http, faults, FaultTarget.Adyen, account, Settings.CommitTimeoutMilliseconds, FaultAnswer, async () =>
        {
            var answer = isWrite && key.Length > 0 ? Idempotent(key, raw, () => operation(body, appBase)) : operation(body, appBase);
            if (answer == TimeoutAfterCharge)
            {
                await FaultInjection.HoldThenDropAsync(http, Settings.CommitTimeoutMilliseconds);
                return Results.Empty;
            }
            return Answer(answer);
        });
    }

    // Sentinel for the test card whose charge goes through but whose answer never arrives.
    private static readonly AdyenAnswer TimeoutAfterCharge = new(0, "");

    private AdyenAnswer Idempotent(string key, string raw, Func<AdyenAnswer> operation)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));
        lock (idempotent)
        {
            if (idempotent.TryGetValue(key, out var earlier))
            {
                // A replay of a timed-out charge gets the answer the caller never received.
                return earlier.BodyHash == hash
                    ? earlier.Answer
                    : AdyenAnswer.Error(422, "IDEMPOTENCY_KEY_REUSED", "The Idempotency-Key was already used with a different request.");
            }
            var answer = operation();
            idempotent[key] = (hash, answer == TimeoutAfterCharge ? lastTimedOut! : answer);
            return answer;
        }
    }

    private AdyenAnswer? lastTimedOut;

    private AdyenAnswer PaymentMethods() => AdyenAnswer.Ok(new
    {
        paymentMethods = new object[]
        {
            new { name = "Apetiz", type = AdyenTestCards.Bimpli },
            new { name = "Sodexo", type = AdyenTestCards.Pluxee },
            new { name = "UpDejeuner", type = AdyenTestCards.UpDejeuner },
            new { name = "Cards", type = "scheme", brands = new[] { "visa", "mc", "cb" } },
        },
    });

    private AdyenAnswer BalanceCheck(JsonElement body)
    {
        var reference = Str(body, "reference");
        if (reference.Length is 0 or > 80)
        {
            return AdyenAnswer.Error(422, "130", "Required field 'reference' is missing or longer than 80 characters.");
        }
        var (card, problem) = IdentifyCard(body, checkCvc: false);
        if (problem is not null)
        {
            return problem;
        }
        if (card!.Behaviour is CardBehaviour.Expired or CardBehaviour.Blocked || ledger.IsLocked(card))
        {
            return AdyenAnswer.Ok(new { pspReference = AdyenLedger.NewPspReference(), resultCode = "Failed", refusalReason = card.Behaviour == CardBehaviour.Expired ? "Expired Card" : "Blocked Card" });
        }
        var balance = Math.Max(0, ledger.Balance(card));
        var asked = Amount(body);
        var resultCode = asked is { } value && balance < value ? "NotEnoughBalance" : "Success";
        return AdyenAnswer.Ok(new
        {
            pspReference = AdyenLedger.NewPspReference(), resultCode, balance = new { currency = "EUR", value = balance },
            additionalData = new Dictionary<string, string> { ["cardSummary"] = card.Last4, ["alias"] = CardAlias.Of(card.Number), ["paymentMethod"] = card.Brand },
        });
    }

    private AdyenAnswer CreateOrder(JsonElement body)
    {
        if (Amount(body) is not { } amount || amount <= 0 || Str(body, "reference").Length == 0)
        {
            return AdyenAnswer.Error(422, "100", "An order needs a positive amount and a reference.");
        }
        var order = ledger.OpenOrder(Str(body, "reference"), amount);
        return AdyenAnswer.Ok(new
        {
            pspReference = order.PspReference, reference = order.Reference, resultCode = "Success", orderData = order.OrderData,
            amount = Eur(order.Amount), remainingAmount = Eur(order.Amount), expiresAt = order.ExpiresAt.ToString("O"),
        });
    }

    private AdyenAnswer CancelOrder(JsonElement body, Uri app)
    {
        var (order, problem) = FindOrder(body);
        if (problem is not null)
        {
            return problem;
        }
        lock (ledger.Gate)
        {
            foreach (var payment in order!.Payments.Select(ledger.FindPayment).OfType<AdyenPayment>())
            {
                if (payment.Status == "authorised")
                {
                    ledger.Cancel(payment);
                    Notify(app, "CANCELLATION", true, payment, payment.AuthorisedAmount);
                }
                else if (payment.Status == "captured")
                {
                    ledger.Refund(payment, payment.CapturedAmount);
                    Notify(app, "REFUND", true, payment, payment.CapturedAmount);
                }
            }
            order.Status = "cancelled";
        }
        webhooks.Enqueue(new AdyenNotification("ORDER_CLOSED", false, order.PspReference, null, order.Reference, order.Amount, "", "Order cancelled"), app);
        return AdyenAnswer.Ok(new { pspReference = AdyenLedger.NewPspReference(), resultCode = "Received" });
    }

    private AdyenAnswer Pay(JsonElement body, Uri app, HttpContext http)
    {
        var reference = Str(body, "reference");
        if (Amount(body) is not { } amount || amount <= 0 || reference.Length == 0)
        {
            return AdyenAnswer.Error(422, "100", "A payment needs a positive amount and a reference.");
        }
        var (card, problem) = IdentifyCard(body, checkCvc: true);
        if (problem is not null)
        {
            return problem;
        }
        AdyenOrder? order = null;
        if (body.TryGetProperty("order", out _))
        {
            (order, problem) = FindOrder(body);
            if (problem is not null)
            {
                return problem;
            }
            if (order!.Status != "open")
            {
                return AdyenAnswer.Error(422, "14_004", "The order is no longer open.");
            }
        }
        lock (ledger.Gate)
        {
            var type = Str(body, "paymentMethod", "type");
            var allowPartial = Str(body, "additionalData", "allowPartialAuth") == "true";
            var (authorised, refusal) = Decide(card!, type, amount, Str(body, "paymentMethod", "cvc"), allowPartial);
            var payment = new AdyenPayment
            {
                PspReference = AdyenLedger.NewPspReference(),
                MerchantReference = reference,
                CardNumber = card!.Number,
                PaymentMethod = card.BrandFor(type),
                RequestedAmount = amount,
                AuthorisedAmount = authorised,
                CreatedAt = ledger.Now,
                OrderPspReference = order?.PspReference,
                ResultCode = refusal is not null ? "Refused" : authorised < amount ? "PartiallyAuthorised" : "Authorised",
                RefusalReason = refusal?.Reason,
            };
            if (refusal is not null)
            {
                payment.Status = "refused";
            }
            ledger.Record(payment);
            order?.Payments.Add(payment.PspReference);
            Notify(app, "AUTHORISATION", refusal is null, payment, refusal is null ? authorised : amount, refusal?.Reason);
            CancelIfTechnicallyCancelled(payment, app);
            if (order is not null && refusal is null && ledger.Remaining(order) == 0)
            {
                order.Status = "closed";
                webhooks.Enqueue(new AdyenNotification("ORDER_CLOSED", true, order.PspReference, null, order.Reference, order.Amount, "", null), app);
            }
            var answer = AdyenAnswer.Ok(PaymentBody(payment, order, refusal));
            if (refusal is null && card.Behaviour == CardBehaviour.TimesOutAfterCharge)
            {
                lastTimedOut = answer;
                return TimeoutAfterCharge;
            }
            return answer;
        }
    }

    private (long Authorised, (string Reason, string Code)? Refusal) Decide(AdyenTestCard card, string type, long amount, string cvc, bool allowPartial)
    {
        var today = ParisCalendar.DayOf(ledger.Now);
        if (ledger.IsLocked(card) || card.Behaviour == CardBehaviour.Blocked)
        {
            return (0, ("Blocked Card", "5"));
        }
        if (card.Behaviour == CardBehaviour.Expired || new DateOnly(card.ExpiryYear, card.ExpiryMonth, 1).AddMonths(1) <= today)
        {
            return (0, ("Expired Card", "6"));
        }
        if (cvc != card.Cvc)
        {
            return ledger.WrongCvc(card) && card.Behaviour == CardBehaviour.LocksAfterWrongCvc ? (0, ("Blocked Card", "5")) : (0, ("CVC Declined", "24"));
        }
        if (card.Behaviour == CardBehaviour.Refused)
        {
            return (0, ("Refused", "2"));
        }
        var isVoucher = card.IsMealVoucher;
        if (isVoucher && !card.AllowedOnSundaysAndHolidays && ParisCalendar.IsSundayOrPublicHoliday(today))
        {
            return (0, ("Restricted Card", "25"));
        }
        if (type == "scheme" && isVoucher)
        {
            return DecideThroughNetwork(card, amount, allowPartial);
        }
        if (isVoucher && ledger.SpentToday(card) + amount > Settings.DailyCapCents)
        {
            return (0, ("Withdrawal amount exceeded", "28"));
        }
        var possible = card.Behaviour == CardBehaviour.PartialAuthorisation ? Math.Min(amount, card.PartialLimitCents) : amount;
        return ledger.Balance(card) < possible ? (0, ("Not enough balance", "12")) : (possible, null);
    }

    /// <summary>
    /// A meal voucher paid as a card (first-generation or mixed): its issuer authorises up to its balance and what is
    /// left of the day's cap, and less than asked only when the request allows a partial authorisation and the issuer
    /// supports it (seed 001: split payment "if the issuer supports partial authorization"); otherwise it refuses.
    /// </summary>
    private (long Authorised, (string Reason, string Code)? Refusal) DecideThroughNetwork(AdyenTestCard card, long amount, bool allowPartial)
    {
        var capLeft = Settings.DailyCapCents - ledger.SpentToday(card) - card.SpentElsewhereTodayCents;
        var possible = Math.Min(amount, Math.Min(Math.Max(0, ledger.Balance(card)), Math.Max(0, capLeft)));
        if (possible == amount || (possible > 0 && allowPartial && card.SupportsPartialAuthorisation))
        {
            return (possible, null);
        }
        return capLeft < amount && capLeft <= ledger.Balance(card) ? (0, ("Withdrawal amount exceeded", "28")) : (0, ("Not enough balance", "12"));
    }

    private AdyenAnswer Modify(string pspReference, string action, JsonElement body, Uri app)
    {
        lock (ledger.Gate)
        {
            var payment = ledger.FindPayment(pspReference);
            if (payment is null)
            {
                return AdyenAnswer.Error(422, "167", "Original pspReference required for this operation.");
            }
            var reference = Str(body, "reference");
            var amount = Amount(body);
            switch (action)
            {
                case "captures" when payment.Status != "authorised":
                case "cancels" when payment.Status != "authorised":
                    return AdyenAnswer.Error(422, "167", $"The payment is {payment.Status}: only an authorised payment can be {(action == "captures" ? "captured" : "cancelled")}.");
                case "refunds" when payment.PaymentMethod.StartsWith(AdyenTestCards.MealVoucherType, StringComparison.Ordinal):
                    // Titres-restaurant support separate capture but no refunds, whole or partial (Adyen's payment-method table).
                    return AdyenAnswer.Error(422, UnsupportedOperationCode, $"Refunds are not supported for payment method {payment.PaymentMethod}.", "configuration");
                case "refunds" when payment.Status != "captured":
                    return AdyenAnswer.Error(422, "167", $"The payment is {payment.Status}: only a captured payment can be refunded.");
                case "captures" when amount is not { } value || value <= 0 || value > payment.AuthorisedAmount:
                case "refunds" when amount is not { } refund || refund <= 0 || refund > payment.CapturedAmount - payment.RefundedAmount:
                    return AdyenAnswer.Error(422, "137", "Invalid amount specified.");
                case "captures":
                    ledger.Capture(payment, amount!.Value);
                    Notify(app, "CAPTURE", true, payment, amount.Value);
                    return AdyenAnswer.Ok(new { merchantAccount = Settings.MerchantAccount, paymentPspReference = pspReference, pspReference = AdyenLedger.NewPspReference(), reference, status = "received", amount = Eur(amount.Value) }, 201);
                case "cancels":
                    ledger.Cancel(payment);
                    Notify(app, "CANCELLATION", true, payment, payment.AuthorisedAmount);
                    return AdyenAnswer.Ok(new { merchantAccount = Settings.MerchantAccount, paymentPspReference = pspReference, pspReference = AdyenLedger.NewPspReference(), reference, status = "received" }, 201);
                default:
                    ledger.Refund(payment, amount!.Value);
                    Notify(app, "REFUND", true, payment, amount.Value);
                    return AdyenAnswer.Ok(new { merchantAccount = Settings.MerchantAccount, paymentPspReference = pspReference, pspReference = AdyenLedger.NewPspReference(), reference, status = "received", amount = Eur(amount.Value) }, 201);
            }
        }
    }

    /// <summary>Sandbox extension, documented: what became of a payment whose answer was lost.</summary>
    private AdyenAnswer PaymentStatus(string pspReference)
    {
        var payment = ledger.FindPayment(pspReference);
        return payment is null
            ? AdyenAnswer.Error(404, "NOT_FOUND", "No payment with this pspReference.")
            : AdyenAnswer.Ok(new { pspReference, resultCode = payment.ResultCode, status = payment.Status, amount = Eur(payment.AuthorisedAmount), merchantReference = payment.MerchantReference });
    }

    private object PaymentBody(AdyenPayment payment, AdyenOrder? order, (string Reason, string Code)? refusal)
    {
        var body = new Dictionary<string, object?>
        {
            ["pspReference"] = payment.PspReference,
            ["resultCode"] = payment.ResultCode,
            ["amount"] = Eur(refusal is null ? payment.AuthorisedAmount : payment.RequestedAmount),
            ["merchantReference"] = payment.MerchantReference,
            // As Adyen's payment response names the card it read: the BIN (first six digits) and the last four, never the number.
            ["additionalData"] = new Dictionary<string, string>
            {
                ["cardBin"] = payment.CardNumber[..6], ["cardSummary"] = payment.CardNumber[^4..], ["alias"] = CardAlias.Of(payment.CardNumber), ["paymentMethod"] = payment.PaymentMethod,
            },
        };
        if (refusal is { } r)
        {
            body["refusalReason"] = r.Reason;
            body["refusalReasonCode"] = r.Code;
        }
        if (order is not null)
        {
            body["order"] = new { pspReference = order.PspReference, orderData = order.OrderData, reference = order.Reference, amount = Eur(order.Amount), remainingAmount = Eur(ledger.Remaining(order)), expiresAt = order.ExpiresAt.ToString("O") };
        }
        return body;
    }

    private (AdyenTestCard? Card, AdyenAnswer? Problem) IdentifyCard(JsonElement body, bool checkCvc)
    {
        var type = Str(body, "paymentMethod", "type");
        var number = CardNumber(body) ?? "";
        if (type is not ("mealVoucher_FR" or "scheme"))
        {
            return (null, AdyenAnswer.Error(422, "14_0", $"Payment method type '{type}' is not supported."));
        }
        if (number.Length is < 12 or > 19 || !Luhn.IsValid(number))
        {
            return (null, AdyenAnswer.Error(422, "101", "Invalid card number"));
        }
        if (!int.TryParse(Str(body, "paymentMethod", "expiryMonth"), out var month) || month is < 1 or > 12 || !int.TryParse(Str(body, "paymentMethod", "expiryYear"), out _))
        {
            return (null, AdyenAnswer.Error(422, "129", "Expiry date is missing or invalid."));
        }
        if (checkCvc && Str(body, "paymentMethod", "cvc") is not { Length: 3 or 4 } cvc)
        {
            return (null, AdyenAnswer.Error(422, "103", "CVC is not the right length"));
        }
        var card = AdyenTestCards.Find(number);
        if (card is null || !card.Accepts(type))
        {
            return (null, AdyenAnswer.Error(422, "101", "Invalid card number"));
        }
        return (card, null);
    }

    private (AdyenOrder? Order, AdyenAnswer? Problem) FindOrder(JsonElement body)
    {
        var order = ledger.FindOrder(Str(body, "order", "pspReference"));
        return order is null || order.OrderData != Str(body, "order", "orderData")
            ? (null, AdyenAnswer.Error(422, "14_005", "Order not found or orderData does not match."))
            : (order, null);
    }

    private void Notify(Uri app, string eventCode, bool success, AdyenPayment payment, long value, string? reason = null) =>
        webhooks.Enqueue(new AdyenNotification(eventCode, success, eventCode == "AUTHORISATION" ? payment.PspReference : AdyenLedger.NewPspReference(),
            eventCode == "AUTHORISATION" ? null : payment.PspReference, payment.MerchantReference, value, payment.PaymentMethod, reason), app);

    private IResult FaultAnswer(SandboxFault fault) => Answer(fault.Value == 429
        ? AdyenAnswer.Error(429, "429", "Too many requests", "security")
        : AdyenAnswer.Error(fault.Value is >= 400 and < 600 ? fault.Value : 500, "905", "Payment details are not supported / internal error", "internal"));

    private static IResult Answer(AdyenAnswer answer) => Results.Content(answer.Json, "application/json", Encoding.UTF8, answer.Status);

    private static object Eur(long value) => new { currency = "EUR", value };

    private static string? CardNumber(JsonElement body) => Str(body, "paymentMethod", "number") is { Length: > 0 } n ? n : null;

    private static long? Amount(JsonElement body) =>
        body.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Object && a.TryGetProperty("value", out var v) && v.TryGetInt64(out var cents)
        && (!a.TryGetProperty("currency", out var c) || c.GetString() == "EUR") ? cents : null;

    private static string Str(JsonElement body, params string[] path)
    {
        var current = body;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return "";
            }
        }
        return current.ValueKind == JsonValueKind.String ? current.GetString()! : current.ValueKind == JsonValueKind.Number ? current.GetRawText() : "";
    }

    private static bool Equal(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
