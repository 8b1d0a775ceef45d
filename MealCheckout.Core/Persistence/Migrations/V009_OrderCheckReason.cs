namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>Orders the reconciler could neither finish nor release say why, so staff know what to check with the provider.</summary>
public sealed class V009_OrderCheckReason : SchemaMigration
{
    public override int Version => 9;

    public override string Name => "order check reason";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE orders ADD COLUMN check_reason TEXT NULL",
    ];
}
