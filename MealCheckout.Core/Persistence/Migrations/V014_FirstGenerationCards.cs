namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// First-generation and mixed meal-voucher cards: a voucher leg records the route it was paid by
/// (CONECS, Edenred, or the card network), so the reconciler and the staff screens know, after a
/// restart, how to finish or release it. Voucher legs paid before were CONECS or Edenred, as their issuer says.
/// </summary>
public sealed class V014_FirstGenerationCards : SchemaMigration
{
    public override int Version => 14;

    public override string Name => "first-generation cards";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE payment_legs ADD COLUMN route TEXT NULL",
        "UPDATE payment_legs SET route = CASE issuer WHEN 'Edenred' THEN 'Edenred' ELSE 'Conecs' END WHERE kind = 'Voucher'",
    ];
}
