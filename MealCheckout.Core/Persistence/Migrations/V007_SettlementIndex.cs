namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>The settlement reads captures and refunds by when they happened: an index on that, not a scan of every transition.</summary>
public sealed class V007_SettlementIndex : SchemaMigration
{
    public override int Version => 7;

    public override string Name => "settlement index";

    public override IReadOnlyList<string> Up =>
    [
        "CREATE INDEX ix_leg_transitions_to_state_at ON leg_transitions (to_state, at)",
    ];
}
