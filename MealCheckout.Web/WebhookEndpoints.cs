using MealCheckout.Core.Payments.Adyen;

namespace MealCheckout.Web;

/// <summary>
/// Adyen's notification endpoint: verify every item's HMAC, store, answer "[accepted]". The
/// reconciler applies stored notifications to checkouts that did not finish by themselves.
/// </summary>
public static class WebhookEndpoints
{
    public const string AdyenPath = "/webhooks/adyen";

    public static IEndpointRouteBuilder MapPaymentWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AdyenPath, async (HttpRequest request, AdyenWebhookProcessor processor, CancellationToken cancellationToken) =>
        {
            var body = await request.ReadFromJsonAsync(AdyenNotificationJsonContext.Default.AdyenNotificationRequest, cancellationToken);
            if (body is null || !await processor.ReceiveAsync(body, cancellationToken))
            {
                return Results.Unauthorized();
            }
            return Results.Text("[accepted]");
        }).DisableAntiforgery();
        return endpoints;
    }
}
