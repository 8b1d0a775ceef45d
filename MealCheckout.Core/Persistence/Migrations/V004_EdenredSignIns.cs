namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// A diner's Edenred login, kept server-side for the checkout it was made for: the tokens are one
/// Data Protection blob; the browser holds only the row's id.
/// </summary>
public sealed class V004_EdenredSignIns : SchemaMigration
{
    public override int Version => 4;

    public override string Name => "edenred sign-ins";

    public override IReadOnlyList<string> Up =>
    [
        """
        CREATE TABLE edenred_sign_ins (
            id TEXT NOT NULL PRIMARY KEY,
            checkout_id TEXT NOT NULL,
            username TEXT NOT NULL,
            protected_tokens TEXT NOT NULL,
            access_expires_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL)
        """,
        "CREATE INDEX ix_edenred_sign_ins_username ON edenred_sign_ins (username, updated_at)",
    ];

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        """
        CREATE TABLE edenred_sign_ins (
            id uuid NOT NULL PRIMARY KEY,
            checkout_id uuid NOT NULL,
            username text NOT NULL,
            protected_tokens text NOT NULL,
            access_expires_at bigint NOT NULL,
            created_at bigint NOT NULL,
            updated_at bigint NOT NULL)
        """,
        Up[^1],
    ];
}
