namespace MealCheckout.Core.Persistence;

/// <summary>
/// Which database engine holds the orders ("Database:Provider"): an SQLite file, the default for a
/// single machine, or a PostgreSQL server that several app instances share (docs/scale-out.md).
/// </summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
