namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// Each Edenred leg keeps the merchant ID (<c>mid</c>) it was authorised under, taken from the restaurant's
/// settings when the order was made (docs/decisions/0022): an authorisation replayed after a lost answer must
/// send the same body, even if a manager changed the merchant ID meanwhile. Legs paid before stay empty.
/// </summary>
public sealed class V016_LegMerchantId : SchemaMigration
{
    public override int Version => 16;

    public override string Name => "leg merchant id";

    public override IReadOnlyList<string> Up =>
    [
        "ALTER TABLE payment_legs ADD COLUMN merchant_id TEXT NULL",
    ];
}
