namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// The attempt limits' counts on PostgreSQL (docs/decisions/0027): one row per counted attempt, with the
/// moment (Unix milliseconds) it leaves its window, so every app instance counts against the same limits.
/// SQLite runs one instance, which counts in memory: nothing to create there.
/// </summary>
public sealed class V018_SharedAttemptLimits : SchemaMigration
{
    public override int Version => 18;

    public override string Name => "shared attempt limits";

    public override IReadOnlyList<string> Up => [];

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        "CREATE TABLE limited_attempts (attempt_key text NOT NULL, expires_at bigint NOT NULL)",
        // A limit counts one key's live rows; the sweep deletes every expired row.
        "CREATE INDEX ix_limited_attempts_key_expiry ON limited_attempts (attempt_key, expires_at)",
        "CREATE INDEX ix_limited_attempts_expiry ON limited_attempts (expires_at)",
    ];
}
