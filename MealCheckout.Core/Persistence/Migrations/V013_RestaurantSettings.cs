namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// The restaurant's settings a manager keeps: which voucher issuers it accepts and its merchant ID
/// with each, and every change to them (and to its SIRET) with who made it, when, old and new value.
/// </summary>
public sealed class V013_RestaurantSettings : SchemaMigration
{
    public override int Version => 13;

    public override string Name => "restaurant settings";

    public override IReadOnlyList<string> Up =>
    [
        """
        CREATE TABLE restaurant_issuers (
            restaurant_id TEXT NOT NULL REFERENCES restaurants (id),
            issuer TEXT NOT NULL,
            accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
            merchant_id TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (restaurant_id, issuer)
        )
        """,
        """
        CREATE TABLE restaurant_setting_changes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            restaurant_id TEXT NOT NULL REFERENCES restaurants (id),
            changed_at INTEGER NOT NULL,
            changed_by TEXT NOT NULL,
            setting TEXT NOT NULL,
            old_value TEXT NOT NULL,
            new_value TEXT NOT NULL
        )
        """,
        "CREATE INDEX ix_restaurant_setting_changes_restaurant ON restaurant_setting_changes (restaurant_id, id)",
    ];
}
