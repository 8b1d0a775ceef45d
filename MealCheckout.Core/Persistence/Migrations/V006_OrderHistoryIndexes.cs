namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// Indexes for the staff history's keyset pages: each sortable column followed by the order id
/// that breaks ties, so "the page after this row" is an index range at any depth (docs/decisions/0004).
/// They replace V001's indexes on the same leading columns.
/// </summary>
public sealed class V006_OrderHistoryIndexes : SchemaMigration
{
    public override int Version => 6;

    public override string Name => "order history indexes";

    public override IReadOnlyList<string> Up =>
    [
        "DROP INDEX ix_orders_created_at",
        "DROP INDEX ix_orders_status_created_at",
        "CREATE INDEX ix_orders_created_at_id ON orders (created_at, id)",
        "CREATE INDEX ix_orders_status_created_at_id ON orders (status, created_at, id)",
        "CREATE INDEX ix_orders_total_id ON orders (total_cents, id)",
        "CREATE INDEX ix_payment_legs_issuer ON payment_legs (issuer, order_id)",
    ];
}
