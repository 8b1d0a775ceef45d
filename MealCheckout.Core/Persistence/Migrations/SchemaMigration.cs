namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>One step of the schema's history. Steps are never edited once released: add a new one.</summary>
public abstract class SchemaMigration
{
    public abstract int Version { get; }

    public abstract string Name { get; }

    /// <summary>SQL statements run in one transaction with the version bump.</summary>
    public abstract IReadOnlyList<string> Up { get; }
}
