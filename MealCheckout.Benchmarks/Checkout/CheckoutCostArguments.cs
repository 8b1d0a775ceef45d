using System.Globalization;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// <c>checkout-cost [count] [--postgresql "connection string"] [--floor-one-writer] [--floor-synchronous-normal]</c>:
/// how many checkouts to measure (100 unless given), the PostgreSQL server to run on instead of a new SQLite file,
/// and what the raw SQL floor tries that the app does not do.
/// </summary>
public sealed record CheckoutCostArguments(int Count, string? PostgreSql, RawWriteSettings Floor)
{
    public const int DefaultCount = 100;

    public static CheckoutCostArguments Parse(IReadOnlyList<string> args)
    {
        int? count = null;
        string? postgreSql = null;
        var (oneWriter, noSync) = (false, false);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--postgresql" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    postgreSql = args[++i];
                    break;
                case "--postgresql":
                    throw new ArgumentException("--postgresql needs a connection string: --postgresql \"Host=…;Port=…;Username=…\".");
                case "--floor-one-writer":
                    oneWriter = true;
                    break;
                case "--floor-synchronous-normal":
                    noSync = true;
                    break;
                case var n when count is null && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    count = parsed;
                    break;
                default:
                    throw new ArgumentException($"checkout-cost does not know \"{args[i]}\": [count] [--postgresql \"connection string\"] [--floor-one-writer] [--floor-synchronous-normal].");
            }
        }
        return new CheckoutCostArguments(count ?? DefaultCount, postgreSql, new RawWriteSettings(oneWriter, noSync));
    }
}
