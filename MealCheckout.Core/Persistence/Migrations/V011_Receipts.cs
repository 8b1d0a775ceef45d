namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// What a French receipt needs: the restaurant's address and SIRET, a VAT rate per menu item (set
/// only to override its kind's default) and per order line (copied at sale), and the hash of the
/// key that lets the browser that paid open its receipt again.
/// </summary>
public sealed class V011_Receipts : SchemaMigration
{
    public override int Version => 11;

    public override string Name => "receipts";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE restaurants ADD COLUMN street_address TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE restaurants ADD COLUMN postal_code TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE restaurants ADD COLUMN siret TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE menu_items ADD COLUMN vat_rate_basis_points INTEGER NULL CHECK (vat_rate_basis_points BETWEEN 0 AND 10000)",
        "ALTER TABLE order_lines ADD COLUMN vat_rate_basis_points INTEGER NOT NULL DEFAULT 1000 CHECK (vat_rate_basis_points BETWEEN 0 AND 10000)",
        // Lines sold before rates were recorded get the defaults of their kind as they stood then
        // (VatRate.DefaultFor): 20 % alcohol, tips outside VAT, 10 % everything else.
        "UPDATE order_lines SET vat_rate_basis_points = CASE kind WHEN 'Alcohol' THEN 2000 WHEN 'Tip' THEN 0 ELSE 1000 END",
        "ALTER TABLE orders ADD COLUMN receipt_key_hash TEXT NULL",
    ];
}
