using System.Text.Json;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace MealCheckout.Web;

/// <summary>
/// Adyen's notification endpoint: verify every item's HMAC, store, answer "[accepted]". The
/// reconciler applies stored notifications to checkouts that did not finish by themselves.
/// Anything that is not a JSON notification batch of at most <see cref="MaxBodyBytes"/> is
/// refused with a 4xx and a plain sentence before any item is looked at.
/// </summary>
public static class WebhookEndpoints
{
    public const string AdyenPath = "/webhooks/adyen";

    /// <summary>
    /// A real batch holds one notification (a few hundred bytes, a few kilobytes with additionalData);
    /// 64 KB leaves ample room and keeps a hostile body from being read, parsed or logged at length.
    /// </summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPaymentWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AdyenPath, async (HttpRequest request, AdyenWebhookProcessor processor, CancellationToken cancellationToken) =>
        {
            if (!request.HasJsonContentType())
            {
                return Results.Text("Send the notification as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }
            AdyenNotificationRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(request.Body, AdyenNotificationJsonContext.Default.AdyenNotificationRequest, cancellationToken);
            }
            catch (JsonException)
            {
                return Results.Text("The body is not an Adyen notification batch.", statusCode: StatusCodes.Status400BadRequest);
            }
            catch (BadHttpRequestException ex)
            {
                // Kestrel's verdict on the body itself: too large (413) or a broken chunked encoding (400).
                return Results.Text(ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? $"The body is larger than {MaxBodyBytes / 1024} KB."
                    : "The body could not be read.", statusCode: ex.StatusCode);
            }
            catch (IOException)
            {
                // Kestrel reports some broken chunked encodings (a chunk size that overflows) as a plain I/O error.
                return Results.Text("The body could not be read.", statusCode: StatusCodes.Status400BadRequest);
            }
            if (body?.NotificationItems is null)
            {
                return Results.Text("The batch holds no notificationItems.", statusCode: StatusCodes.Status400BadRequest);
            }
            return await processor.ReceiveAsync(body, cancellationToken)
                ? Results.Text("[accepted]")
                : Results.Text("Refused: an item is incomplete or its HMAC signature is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        })
        .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
        .RequireRateLimiting(RateLimits.Webhook)
        .DisableAntiforgery();
        return endpoints;
    }
}
