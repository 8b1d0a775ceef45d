using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("MealCheckout.Tests.Infrastructure.LongestFirstCollectionOrderer", "MealCheckout.Tests")]

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// Starts the long end-to-end collections first. Collections run side by side, one per core; when
/// the browser tests start last they run alone at the end and the whole suite waits on them.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private static readonly string[] Longest = [E2E.ScreensCollection.Name, E2E.BrowserCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => Array.IndexOf(Longest, collection.DisplayName) is var rank and >= 0 ? rank : Longest.Length);
}
