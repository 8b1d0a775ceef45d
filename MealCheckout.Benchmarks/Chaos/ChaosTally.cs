using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MealCheckout.Benchmarks.Chaos;

/// <summary>
/// Where the money is at the end of a chaos run, counted from the providers' own ledgers (the sandbox's
/// state endpoint) against the app's orders (its SQLite file). Every count but <see cref="ToCheck"/> must be zero.
/// </summary>
public sealed record ChaosTally(
    int Orders, int Paid, int Failed, int ToCheck, int NotFinal,
    int DoubleCharges, int TakenWithoutPaidOrder, int CardTakenWithoutVoucher, int HoldsLeft, int PaidButNotCollected, int MoneyWithoutOrder,
    IReadOnlyList<string> Problems)
{
    public bool MoneyInPlace => DoubleCharges + TakenWithoutPaidOrder + CardTakenWithoutVoucher + HoldsLeft + PaidButNotCollected + MoneyWithoutOrder + NotFinal == 0;

    private sealed record ProviderPayment(string Order, string Leg, long Held, long Taken, bool Captured);

    private sealed record AppOrder(string Number, string Status, long Total, string? CheckReason);

    public static async Task<ChaosTally> CountAsync(Uri sandbox, string databasePath)
    {
        using var http = new HttpClient();
        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(sandbox, "sandbox/control/state")));
        var payments = ProviderPayments(state.RootElement).ToList();
        var orders = await AppOrdersAsync(databasePath);
        var byNumber = orders.ToDictionary(o => o.Number);
        var problems = new List<string>();

        int Count(string what, Func<AppOrder, IReadOnlyList<ProviderPayment>, bool> isProblem)
        {
            var found = orders.Where(o => isProblem(o, payments.Where(p => p.Order == o.Number).ToList())).ToList();
            problems.AddRange(found.Take(5).Select(o => $"{what}: {o.Number} ({o.Status}{(o.CheckReason is null ? "" : ", " + o.CheckReason)})"));
            return found.Count;
        }

        var tally = new ChaosTally(
            orders.Count,
            orders.Count(o => o.Status == "Paid"),
            orders.Count(o => o.Status == "Failed"),
            orders.Count(o => o.Status == "ToCheck"),
            Count("not final", (o, _) => o.Status is not ("Paid" or "Failed" or "ToCheck")),
            Count("double charge", (o, p) => p.Sum(x => x.Taken) > o.Total || p.GroupBy(x => x.Leg).Any(g => g.Count(x => x.Captured) > 1)),
            Count("money taken without a paid order", (o, p) => o.Status != "Paid" && p.Sum(x => x.Taken) > 0),
            Count("card taken while the voucher is not", (o, p) => p.Any(x => x.Leg == "voucher") && p.Where(x => x.Leg == "card").Sum(x => x.Taken) > 0 && p.Where(x => x.Leg == "voucher").Sum(x => x.Taken) == 0),
            Count("hold left", (_, p) => p.Sum(x => x.Held) > 0),
            Count("paid but not collected", (o, p) => o.Status == "Paid" && p.Sum(x => x.Taken) != o.Total),
            payments.Where(p => !byNumber.ContainsKey(p.Order) && (p.Held > 0 || p.Taken > 0)).Select(p => p.Order).Distinct().Count(),
            problems);
        return tally;
    }

    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("| count | orders |");
        output.WriteLine("|---|---:|");
        foreach (var (label, value) in new (string, int)[]
        {
            ("orders in the database", Orders), ("paid", Paid), ("failed (nothing held or taken)", Failed), ("left to check", ToCheck),
            ("not final (neither paid, failed nor to check)", NotFinal), ("double charges", DoubleCharges),
            ("money taken without a paid order", TakenWithoutPaidOrder), ("card taken while the voucher is not", CardTakenWithoutVoucher),
            ("holds left at a provider", HoldsLeft), ("paid but not collected in full", PaidButNotCollected), ("provider money with no order", MoneyWithoutOrder),
        })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {value} |"));
        }
        foreach (var problem in Problems)
        {
            output.WriteLine("  " + problem);
        }
        output.WriteLine(MoneyInPlace ? "No money out of place." : "MONEY OUT OF PLACE.");
    }

    private static IEnumerable<ProviderPayment> ProviderPayments(JsonElement state)
    {
        foreach (var t in state.GetProperty("edenred").EnumerateArray())
        {
            var status = t.GetProperty("status").GetString();
            yield return new ProviderPayment(t.GetProperty("orderRef").GetString()!, "voucher", t.GetProperty("heldAmount").GetInt64(),
                t.GetProperty("capturedAmount").GetInt64() - t.GetProperty("refundedAmount").GetInt64(), status is "captured" or "refunded");
        }
        foreach (var p in state.GetProperty("adyen").GetProperty("payments").EnumerateArray())
        {
            var reference = p.GetProperty("merchantReference").GetString()!;
            var captured = p.GetProperty("capturedAmount").GetInt64();
            yield return new ProviderPayment(reference[..^2], reference.EndsWith("-V", StringComparison.Ordinal) ? "voucher" : "card",
                p.GetProperty("heldAmount").GetInt64(), captured - p.GetProperty("refundedAmount").GetInt64(), captured > 0);
        }
    }

    private static async Task<List<AppOrder>> AppOrdersAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, status, total_cents, check_reason FROM orders";
        await using var reader = await command.ExecuteReaderAsync();
        var orders = new List<AppOrder>();
        while (await reader.ReadAsync())
        {
            orders.Add(new AppOrder(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return orders;
    }
}
