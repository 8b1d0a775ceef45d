namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>Provider notifications, stored before they are processed so none is lost or applied twice.</summary>
public sealed class V003_WebhookEvents : SchemaMigration
{
    public override int Version => 3;

    public override string Name => "webhook events";

    public override IReadOnlyList<string> Up =>
    [
        """
        CREATE TABLE webhook_events (
            id TEXT NOT NULL PRIMARY KEY,
            provider TEXT NOT NULL,
            event_code TEXT NOT NULL,
            psp_reference TEXT NOT NULL,
            original_reference TEXT NULL,
            merchant_reference TEXT NOT NULL,
            success INTEGER NOT NULL,
            amount_cents INTEGER NOT NULL,
            reason TEXT NULL,
            received_at INTEGER NOT NULL,
            processed_at INTEGER NULL,
            UNIQUE (provider, psp_reference, event_code, success))
        """,
        "CREATE INDEX ix_webhook_events_unprocessed ON webhook_events (processed_at)",
    ];
}
