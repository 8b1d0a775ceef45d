namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// Refunds as each issuer allows: a refund call keeps the amount it asked for (a card leg can be
/// refunded in parts, and a replay must send the same request), each refund step keeps the money it
/// gave back (for the settlement), and money given back for a CONECS voucher leg, which the issuer
/// does not refund, is recorded as a compensation.
/// </summary>
public sealed class V012_RefundsAsIssuersAllow : SchemaMigration
{
    public override int Version => 12;

    public override string Name => "refunds as issuers allow";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE provider_calls ADD COLUMN amount_cents INTEGER NULL CHECK (amount_cents > 0)",
        "ALTER TABLE leg_transitions ADD COLUMN amount_cents INTEGER NULL CHECK (amount_cents > 0)",
        // Until now a refund gave back the whole leg in one step.
        "UPDATE leg_transitions SET amount_cents = (SELECT refunded_amount_cents FROM payment_legs WHERE payment_legs.id = leg_transitions.payment_leg_id) WHERE to_state = 'Refunded'",
        """
        CREATE TABLE compensations (
            id TEXT NOT NULL PRIMARY KEY,
            order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            payment_leg_id TEXT NOT NULL REFERENCES payment_legs (id) ON DELETE CASCADE,
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            way TEXT NOT NULL,
            reason TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at INTEGER NOT NULL)
        """,
        "CREATE INDEX ix_compensations_order ON compensations (order_id)",
        "CREATE INDEX ix_compensations_recorded_at ON compensations (recorded_at)",
    ];

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        "ALTER TABLE provider_calls ADD COLUMN amount_cents bigint NULL CHECK (amount_cents > 0)",
        "ALTER TABLE leg_transitions ADD COLUMN amount_cents bigint NULL CHECK (amount_cents > 0)",
        Up[2],
        """
        CREATE TABLE compensations (
            id uuid NOT NULL PRIMARY KEY,
            order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            payment_leg_id uuid NOT NULL REFERENCES payment_legs (id) ON DELETE CASCADE,
            amount_cents bigint NOT NULL CHECK (amount_cents > 0),
            way text NOT NULL,
            reason text NOT NULL,
            recorded_by text NOT NULL,
            recorded_at bigint NOT NULL)
        """,
        .. Up.TakeLast(2),
    ];
}
