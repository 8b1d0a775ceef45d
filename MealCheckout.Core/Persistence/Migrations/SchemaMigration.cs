namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>One step of the schema's history. Steps are never edited once released: add a new one.</summary>
public abstract class SchemaMigration
{
    public abstract int Version { get; }

    public abstract string Name { get; }

    /// <summary>SQL statements run in one transaction with the version bump.</summary>
    public abstract IReadOnlyList<string> Up { get; }

    /// <summary>
    /// The same step for PostgreSQL, where its SQL differs: native uuid, boolean and bigint columns
    /// (SQLite keeps TEXT and INTEGER) and identity columns for the keys SQLite numbers itself.
    /// </summary>
    public virtual IReadOnlyList<string> PostgreSqlUp => Up;
}
