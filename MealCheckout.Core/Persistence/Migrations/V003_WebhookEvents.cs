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

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        """
        CREATE TABLE webhook_events (
            id uuid NOT NULL PRIMARY KEY,
            provider text NOT NULL,
            event_code text NOT NULL,
            psp_reference text NOT NULL,
            original_reference text NULL,
            merchant_reference text NOT NULL,
            success boolean NOT NULL,
            amount_cents bigint NOT NULL,
            reason text NULL,
            received_at bigint NOT NULL,
            processed_at bigint NULL,
            UNIQUE (provider, psp_reference, event_code, success))
        """,
        Up[^1],
    ];
}
