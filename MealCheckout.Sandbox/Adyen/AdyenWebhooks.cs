using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MealCheckout.Sandbox.Adyen;

/// <summary>One standard notification item, as Adyen posts them.</summary>
public sealed record AdyenNotification(
    string EventCode, bool Success, string PspReference, string? OriginalReference, string MerchantReference, long Value, string PaymentMethod, string? Reason);

/// <summary>
/// Posts notifications to the app's webhook URL in the background, signed with HMAC-SHA256 the
/// way Adyen signs them, retrying while the receiver is not answering 2xx: three times at least, and
/// for <c>Sandbox:Adyen:WebhookRetrySeconds</c> (as Adyen keeps retrying an app that is down).
/// </summary>
public sealed class AdyenWebhooks(IOptions<SandboxOptions> options, IHttpClientFactory http, TimeProvider time, ILogger<AdyenWebhooks> logger) : BackgroundService
{
    private readonly Channel<(Uri Url, AdyenNotification Notification)> queue = Channel.CreateUnbounded<(Uri, AdyenNotification)>();

    /// <summary>Queues a notification; <paramref name="appBase"/> resolves a relative WebhookUrl against the app's own address.</summary>
    public void Enqueue(AdyenNotification notification, Uri appBase)
    {
        var configured = options.Value.Adyen.WebhookUrl;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }
        queue.Writer.TryWrite((new Uri(appBase, configured), notification));
    }

    public static string Sign(AdyenNotification n, string merchantAccount, string hmacKeyHex)
    {
        var payload = string.Join(':', n.PspReference, n.OriginalReference ?? "", merchantAccount, n.MerchantReference,
            n.Value.ToString(CultureInfo.InvariantCulture), "EUR", n.EventCode, n.Success ? "true" : "false");
        return Convert.ToBase64String(HMACSHA256.HashData(Convert.FromHexString(hmacKeyHex), Encoding.UTF8.GetBytes(payload)));
    }

    public string Body(AdyenNotification n)
    {
        var adyen = options.Value.Adyen;
        var item = new Dictionary<string, object?>
        {
            ["additionalData"] = new Dictionary<string, string> { ["hmacSignature"] = Sign(n, adyen.MerchantAccount, adyen.HmacKeyHex) },
            ["amount"] = new { currency = "EUR", value = n.Value },
            ["eventCode"] = n.EventCode,
            ["eventDate"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture),
            ["merchantAccountCode"] = adyen.MerchantAccount,
            ["merchantReference"] = n.MerchantReference,
            ["originalReference"] = n.OriginalReference,
            ["pspReference"] = n.PspReference,
            ["paymentMethod"] = n.PaymentMethod,
            ["reason"] = n.Reason ?? "",
            ["success"] = n.Success ? "true" : "false",
        };
        return JsonSerializer.Serialize(new { live = "false", notificationItems = new[] { new { NotificationRequestItem = item } } });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (url, notification) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(url, notification, stoppingToken);
        }
    }

    private async Task DeliverAsync(Uri url, AdyenNotification notification, CancellationToken stoppingToken)
    {
        var body = Body(notification);
        var retryUntil = time.GetUtcNow().AddSeconds(options.Value.Adyen.WebhookRetrySeconds);
        for (var attempt = 1; attempt <= 3 || time.GetUtcNow() < retryUntil; attempt++)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.CreateClient(nameof(AdyenWebhooks)).PostAsync(url, content, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                logger.LogWarning("Sandbox webhook {EventCode} answered {Status}", notification.EventCode, (int)response.StatusCode);
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning(ex, "Sandbox webhook {EventCode} could not be delivered", notification.EventCode);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * attempt, 2000)), stoppingToken);
        }
    }
}
