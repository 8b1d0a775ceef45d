namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>Orders remember whether the diner collects or gets a delivery; older orders were all pickups.</summary>
public sealed class V002_OrderFulfilment : SchemaMigration
{
    public override int Version => 2;

    public override string Name => "order fulfilment";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE orders ADD COLUMN fulfilment TEXT NOT NULL DEFAULT 'Pickup'",
    ];
}
