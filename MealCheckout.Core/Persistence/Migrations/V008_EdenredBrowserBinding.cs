namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// An Edenred login belongs to the browser that started it: each row keeps the hash of that
/// browser's binding secret (its HttpOnly cookie), and the checkout page finds its login by that
/// hash and the checkout, never by an id the browser presents. Older rows have no binding and are
/// found by no browser; the reconciler still reads them by user name.
/// </summary>
public sealed class V008_EdenredBrowserBinding : SchemaMigration
{
    public override int Version => 8;

    public override string Name => "edenred browser binding";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE edenred_sign_ins ADD COLUMN browser_binding_hash TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX ix_edenred_sign_ins_browser ON edenred_sign_ins (browser_binding_hash, checkout_id, updated_at)",
    ];
}
