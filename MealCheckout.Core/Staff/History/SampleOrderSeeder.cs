using System.Globalization;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using Microsoft.Data.Sqlite;

namespace MealCheckout.Core.Staff.History;

/// <summary>
/// Fills a migrated database with many realistic orders for measuring the staff history: years
/// of lunches and dinners, a mix of issuers and of card-only payments, refusals, refunds, open
/// checkouts, each with lines, legs and their transitions. Deterministic for a given seed.
/// Bulk SQL with prepared commands (a million orders take a minute or two), not the domain model:
/// the rows are shaped like those <see cref="Order"/> writes.
/// </summary>
public sealed class SampleOrderSeeder
{
    private const string OrderSuffixAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int OrdersPerTransaction = 10_000;
    private static readonly MenuItem[] Items = [.. DemoRestaurant.Items];
    private static readonly string[] CardBrands = ["visa", "mc", "cartebancaire"];
    private static readonly string[] RefusalCodes = ["INSUFFICIENT_BALANCE", "DAILY_LIMIT_EXCEEDED", "Refused", "CARD_BLOCKED"];

    private readonly Random random;
    private readonly DateTimeOffset until;
    private readonly int days;
    private SqliteCommand insertOrder = default!;
    private SqliteCommand insertLine = default!;
    private SqliteCommand insertLeg = default!;
    private SqliteCommand insertTransition = default!;

    /// <param name="until">The newest order's instant; orders go back <paramref name="years"/> years from it.</param>
    public SampleOrderSeeder(int seed, DateTimeOffset until, int years = 4)
    {
        random = new Random(seed);
        this.until = until;
        days = years * 365;
    }

    /// <summary>Adds <paramref name="count"/> orders to the SQLite file at <paramref name="databasePath"/>, already migrated.</summary>
    public async Task SeedAsync(string databasePath, int count, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragmas = connection.CreateCommand())
        {
            // A throw-away measurement file: speed over durability while it is filled.
            pragmas.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        var startIndex = await ExistingOrdersAsync(connection, cancellationToken);
        // Oldest first with time-ordered ids, as real orders arrive: every index grows at its end
        // instead of taking random writes all over a file larger than the cache.
        var times = Enumerable.Range(0, count).Select(_ => RandomMealTime()).Order().ToArray();
        for (var done = 0; done < count; done += OrdersPerTransaction)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            PrepareCommands(connection, transaction);
            var batch = Math.Min(OrdersPerTransaction, count - done);
            for (var i = 0; i < batch; i++)
            {
                InsertOrder(startIndex + done + i, times[done + i]);
            }
            await transaction.CommitAsync(cancellationToken);
            DisposeCommands();
            progress?.Report(done + batch);
        }
        await using var optimize = connection.CreateCommand();
        // Fresh statistics so SQLite's planner knows the tables are large.
        optimize.CommandText = "ANALYZE";
        await optimize.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ExistingOrdersAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM orders";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private void InsertOrder(int index, DateTimeOffset createdAt)
    {
        var orderId = TimeOrderedId(createdAt);
        var lines = RandomLines();
        var total = lines.Sum(l => l.Item.Price.Cents * l.Quantity);
        var eligible = lines.Where(l => l.Item.VoucherEligible).Sum(l => l.Item.Price.Cents * l.Quantity);

        var legs = PlanLegs(total, eligible);
        var outcome = RandomOutcome(createdAt);
        var status = Run(outcome, legs, createdAt);

        Execute(insertOrder, Text(orderId), Number(index, createdAt), Text(DemoRestaurant.Restaurant.Id), createdAt.ToUnixTimeMilliseconds(),
            random.Next(5) == 0 ? "en-GB" : "fr-FR", status.ToString(), total, eligible, legs.Sum(l => l.Transitions.Count), random.Next(4) == 0 ? "Delivery" : "Pickup");
        for (var position = 0; position < lines.Count; position++)
        {
            var (item, quantity) = lines[position];
            Execute(insertLine, Text(TimeOrderedId(createdAt)), Text(orderId), position, item.NameFr, item.Kind.ToString(), item.VoucherEligible ? 1 : 0, item.Price.Cents, quantity);
        }
        foreach (var leg in legs)
        {
            var legId = TimeOrderedId(createdAt);
            Execute(insertLeg, Text(legId), Text(orderId), leg.Kind.ToString(), leg.Issuer?.ToString(), leg.VoucherAccount, leg.CardBrand, leg.CardLast4,
                leg.Amount, leg.Authorised, leg.Captured, leg.Refunded, leg.State.ToString(), createdAt.ToUnixTimeMilliseconds(),
                leg.ProviderReference, null, null, leg.ErrorCode);
            foreach (var (from, to, at, reason) in leg.Transitions)
            {
                Execute(insertTransition, Text(TimeOrderedId(at)), Text(legId), from.ToString(), to.ToString(), at.ToUnixTimeMilliseconds(), reason);
            }
        }
    }

    private enum Outcome
    {
        Paid,
        Refused,
        Refunded,
        PartiallyRefunded,
        InFlight,
    }

    private Outcome RandomOutcome(DateTimeOffset createdAt)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 6 => Outcome.Refused,
            < 9 => Outcome.Refunded,
            < 11 => Outcome.PartiallyRefunded,
            // Only recent checkouts can still be under way.
            < 12 when until - createdAt < TimeSpan.FromDays(2) => Outcome.InFlight,
            _ => Outcome.Paid,
        };
    }

    private sealed class SampleLeg(LegKind kind, long amount)
    {
        public LegKind Kind { get; } = kind;
        public long Amount { get; } = amount;
        public VoucherIssuer? Issuer { get; init; }
        public string? VoucherAccount { get; init; }
        public string? CardBrand { get; init; }
        public string? CardLast4 { get; init; }
        public string? ProviderReference { get; set; }
        public string? ErrorCode { get; set; }
        public long Authorised { get; set; }
        public long Captured { get; set; }
        public long Refunded { get; set; }
        public LegState State { get; private set; } = LegState.Planned;
        public List<(LegState From, LegState To, DateTimeOffset At, string? Reason)> Transitions { get; } = [];

        public void Move(LegState to, DateTimeOffset at, string? reason = null)
        {
            Transitions.Add((State, to, at, reason));
            State = to;
        }
    }

    private List<SampleLeg> PlanLegs(long total, long eligible)
    {
        var legs = new List<SampleLeg>();
        var cardOnly = random.Next(5) == 0;
        var voucher = 0L;
        if (!cardOnly)
        {
            var issuer = (VoucherIssuer)WeightedIndex(35, 20, 25, 20);
            var cap = issuer == VoucherIssuer.Edenred ? 1900 : 2500;
            voucher = Math.Min(eligible, cap);
            if (voucher >= 150)
            {
                legs.Add(new SampleLeg(LegKind.Voucher, voucher) { Issuer = issuer, VoucherAccount = VoucherAccount(issuer) });
            }
            else
            {
                voucher = 0;
            }
        }
        if (total - voucher > 0)
        {
            legs.Add(new SampleLeg(LegKind.Card, total - voucher)
            {
                CardBrand = CardBrands[random.Next(CardBrands.Length)],
                CardLast4 = random.Next(10_000).ToString("0000", CultureInfo.InvariantCulture),
            });
        }
        return legs;
    }

    private OrderStatus Run(Outcome outcome, List<SampleLeg> legs, DateTimeOffset createdAt)
    {
        var at = createdAt;
        DateTimeOffset Later(int maxSeconds) => at = at.AddMilliseconds(random.Next(200, maxSeconds * 1000));
        if (outcome == Outcome.Refused)
        {
            var refused = legs[random.Next(legs.Count)];
            foreach (var leg in legs)
            {
                if (leg == refused)
                {
                    leg.Move(LegState.Authorizing, Later(2));
                    leg.ErrorCode = RefusalCodes[random.Next(RefusalCodes.Length)];
                    leg.Move(LegState.Refused, Later(3), leg.ErrorCode);
                }
                else
                {
                    leg.Move(LegState.Cancelled, Later(2), "another payment of the order was refused");
                }
            }
            return OrderStatus.Failed;
        }
        foreach (var leg in legs)
        {
            leg.Move(LegState.Authorizing, Later(2));
            if (outcome == Outcome.InFlight && leg == legs[^1])
            {
                return OrderStatus.Open;
            }
            leg.ProviderReference = leg.Issuer == VoucherIssuer.Edenred ? RandomId().ToString("N") : "PSP" + random.NextInt64(1L << 50, 1L << 53).ToString(CultureInfo.InvariantCulture);
            leg.Move(LegState.Authorized, Later(3));
            leg.Authorised = leg.Amount;
        }
        foreach (var leg in legs)
        {
            leg.Move(LegState.Captured, Later(2));
            leg.Captured = leg.Amount;
        }
        var refundAt = createdAt.AddHours(random.Next(1, 72));
        if (outcome == Outcome.Refunded || (outcome == Outcome.PartiallyRefunded && legs.Count == 1))
        {
            legs.ForEach(leg => Refund(leg, refundAt));
            return OrderStatus.Refunded;
        }
        if (outcome == Outcome.PartiallyRefunded)
        {
            Refund(legs[random.Next(legs.Count)], refundAt);
            return OrderStatus.PartiallyRefunded;
        }
        return OrderStatus.Paid;
    }

    private static void Refund(SampleLeg leg, DateTimeOffset at)
    {
        leg.Move(LegState.Refunded, at, "refunded by staff");
        leg.Refunded = leg.Captured;
    }

    private DateTimeOffset RandomMealTime()
    {
        var day = ParisCalendar.DayOf(until).AddDays(-random.Next(days));
        // Lunch from 11:30 to 14:30 most of the time, otherwise dinner from 18:30 to 22:00 (Paris time).
        var minute = random.Next(10) < 7 ? random.Next(11 * 60 + 30, 14 * 60 + 30) : random.Next(18 * 60 + 30, 22 * 60);
        var at = ParisCalendar.DayBounds(day).StartUtc.AddMinutes(minute).AddMilliseconds(random.Next(60_000));
        return at > until ? until.AddMinutes(-random.Next(1, 600)) : at;
    }

    private List<(MenuItem Item, int Quantity)> RandomLines()
    {
        var count = 1 + WeightedIndex(30, 40, 20, 10);
        return Enumerable.Range(0, count).Select(_ => (Items[random.Next(Items.Length)], random.Next(10) == 0 ? 2 : 1)).ToList();
    }

    // Diners come back: a bounded pool of accounts so a search finds a history, not a single order.
    private string VoucherAccount(VoucherIssuer issuer)
    {
        var diner = random.Next(20_000);
        return issuer == VoucherIssuer.Edenred
            ? $"diner{diner}@example.fr"
            : $"•••• {diner % 10_000:0000} #{(uint)(diner * 2654435761u):x8}{(int)issuer:x4}";
    }

    private int WeightedIndex(params int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private Guid RandomId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    // A version-7 layout (milliseconds first, then random bits) from the seeded random, so runs repeat.
    private Guid TimeOrderedId(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)milliseconds;
            milliseconds >>= 8;
        }
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    // EF Core stores Guids as upper-case TEXT; the sample rows must read back through it.
    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    // Unique per index: the index is spread over the six characters by a multiplier prime to 31.
    private static string Number(int index, DateTimeOffset createdAt)
    {
        var value = (long)index * 7_919 % 887_503_681;
        Span<char> suffix = stackalloc char[6];
        for (var i = 5; i >= 0; i--)
        {
            suffix[i] = OrderSuffixAlphabet[(int)(value % 31)];
            value /= 31;
        }
        return $"MC-{ParisCalendar.DayOf(createdAt):yyMMdd}-{suffix}";
    }

    private void PrepareCommands(SqliteConnection connection, SqliteTransaction transaction)
    {
        insertOrder = Prepare(connection, transaction, "orders",
            "id", "number", "restaurant_id", "created_at", "culture", "status", "total_cents", "eligible_subtotal_cents", "version", "fulfilment");
        insertLine = Prepare(connection, transaction, "order_lines",
            "id", "order_id", "position", "name", "kind", "voucher_eligible", "unit_price_cents", "quantity");
        insertLeg = Prepare(connection, transaction, "payment_legs",
            "id", "order_id", "kind", "issuer", "voucher_account", "card_brand", "card_last4", "amount_cents", "authorised_amount_cents",
            "captured_amount_cents", "refunded_amount_cents", "state", "created_at", "provider_reference", "provider_order_reference",
            "provider_order_data", "last_error_code");
        insertTransition = Prepare(connection, transaction, "leg_transitions", "id", "payment_leg_id", "from_state", "to_state", "at", "reason");
    }

    private void DisposeCommands()
    {
        insertOrder.Dispose();
        insertLine.Dispose();
        insertLeg.Dispose();
        insertTransition.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns)
        {
            command.Parameters.Add(new SqliteParameter("$" + column, null));
        }
        command.Prepare();
        return command;
    }

    private static void Execute(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }
}
