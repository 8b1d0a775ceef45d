namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// What several app instances on one PostgreSQL database need (docs/decisions/0019). The history
/// sorted by order number pages by <c>(number, id)</c>: SQLite serves that from the unique index on
/// number, PostgreSQL compares the pair as one index key only with an index on both columns, without
/// which a page deep in the list would walk every row before it.
/// </summary>
public sealed class V015_ScaleOut : SchemaMigration
{
    public override int Version => 15;

    public override string Name => "scale out";

    public override IReadOnlyList<string> Up => [];

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        "CREATE INDEX ix_orders_number_id ON orders (number, id)",
    ];
}
