using Microsoft.EntityFrameworkCore.Update;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Sends the statements of one SaveChanges as one command, as EF Core does for other databases
/// (its SQLite provider sends one statement per command). A checkout step that moves a leg,
/// completes its call and records the transition is then one command instead of four or five.
/// EF Core runs a batch of more than one statement inside a transaction, so it is all or nothing.
/// </summary>
internal sealed class SqliteBatchedUpdates(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    /// <summary>Far below SQLite's limit of 32,766 parameters, even for the widest row.</summary>
    private const int MaxStatementsPerCommand = 100;

    public ModificationCommandBatch Create() => new Batch(dependencies);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies) : AffectedCountModificationCommandBatch(dependencies, MaxStatementsPerCommand);
}
