using System.Collections.Concurrent;
using System.Data.Common;
using MealCheckout.Core.Menu;

namespace MealCheckout.Benchmarks.Checkout;

/// <summary>
/// The writes a split checkout makes, sent as raw SQL: the same rows in the same tables, in the same six
/// transactions (each idempotency key committed before its call, each answer with the next step), through
/// statements prepared once per connection. With the bare provider calls between them it is the floor a checkout
/// could reach on this database with no ORM and no app logic: the reference for the app's own cost. The SQL is
/// the same on SQLite and PostgreSQL.
/// The settings try what the app does not do: one writer at a time in the process, and no sync at each commit.
/// </summary>
public sealed class RawCheckoutWrites(ShopDatabase database, RawWriteSettings settings) : IAsyncDisposable
{
    private readonly ConcurrentBag<Writer> idle = [];
    private readonly SemaphoreSlim? gate = settings.OneWriterAtATime ? new SemaphoreSlim(1) : null;

    /// <summary>Takes a connection with its prepared statements for one checkout; dispose it to give it back.</summary>
    public Writer Rent() => idle.TryTake(out var writer) ? writer : new Writer(database.OpenRawConnection(settings), gate, idle);

    public ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var writer))
        {
            writer.Connection.Dispose();
        }
        gate?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One connection and the checkout's statements, prepared on it once and reused.</summary>
    public sealed class Writer : IDisposable
    {
        private const string InsertTransition = "INSERT INTO \"leg_transitions\" (\"id\", \"amount_cents\", \"at\", \"from_state\", \"payment_leg_id\", \"reason\", \"to_state\") VALUES (@t_id, NULL, @now, @t_from, @t_leg, @t_reason, @t_to);";
        private const string BumpOrder = "UPDATE \"orders\" SET \"version\" = @version + 1 WHERE \"id\" = @order AND \"version\" = @version RETURNING 1;";
        private const string CompleteCall = "UPDATE \"provider_calls\" SET \"completed_at\" = @now, \"outcome\" = @outcome WHERE \"id\" = @done_call RETURNING 1;";
        private const string InsertCall = "INSERT INTO \"provider_calls\" (\"id\", \"amount_cents\", \"completed_at\", \"created_at\", \"idempotency_key\", \"operation\", \"outcome\", \"payment_leg_id\") VALUES (@c_id, NULL, NULL, @now, @c_key, @c_operation, NULL, @c_leg);";
        private const string InsertLeg = "INSERT INTO \"payment_legs\" (\"id\", \"amount_cents\", \"authorised_amount_cents\", \"captured_amount_cents\", \"card_brand\", \"card_last4\", \"created_at\", \"issuer\", \"kind\", \"last_error_code\", \"merchant_id\", \"order_id\", \"provider_order_data\", \"provider_order_reference\", \"provider_reference\", \"refunded_amount_cents\", \"route\", \"state\", \"voucher_account\") VALUES (@l_id, @l_amount, 0, 0, NULL, @l_last4, @now, @l_issuer, @l_kind, NULL, NULL, @order, NULL, NULL, NULL, 0, @l_route, 'Authorizing', @l_account);";

        private readonly ConcurrentBag<Writer> home;
        private readonly SemaphoreSlim? gate;
        private readonly DbCommand findOrder;
        private readonly DbCommand spentToday;
        private readonly DbCommand openOrder;
        private readonly DbCommand orderOpened;
        private readonly DbCommand voucherAuthorised;
        private readonly DbCommand cardAuthorised;
        private readonly DbCommand voucherCaptured;
        private readonly DbCommand cardCaptured;

        internal Writer(DbConnection connection, SemaphoreSlim? gate, ConcurrentBag<Writer> home)
        {
            this.home = home;
            this.gate = gate;
            Connection = connection;
            findOrder = Prepared("SELECT \"o\".\"id\", \"o\".\"status\", \"o\".\"version\" FROM \"orders\" AS \"o\" WHERE \"o\".\"id\" = @order LIMIT 1");
            spentToday = Prepared("SELECT \"p\".\"amount_cents\" FROM \"payment_legs\" AS \"p\" WHERE \"p\".\"kind\" = 'Voucher' AND \"p\".\"issuer\" = 'Pluxee' AND \"p\".\"voucher_account\" = @account AND \"p\".\"created_at\" >= @from AND \"p\".\"created_at\" < @to AND \"p\".\"state\" IN ('Authorizing', 'Authorized', 'Captured')");
            openOrder = Prepared(
                "INSERT INTO \"orders\" (\"id\", \"check_reason\", \"created_at\", \"culture\", \"eligible_subtotal_cents\", \"fulfilment\", \"number\", \"receipt_key_hash\", \"restaurant_id\", \"status\", \"total_cents\", \"version\") VALUES (@order, NULL, @now, 'fr-FR', 1850, 'Pickup', @number, NULL, @restaurant, 'Open', 2400, 0);" +
                "INSERT INTO \"order_lines\" (\"id\", \"kind\", \"name\", \"order_id\", \"position\", \"quantity\", \"unit_price_cents\", \"vat_rate_basis_points\", \"voucher_eligible\") VALUES (@line1, 'Food', 'Steak frites', @order, 0, 1, 1850, 1000, TRUE);" +
                "INSERT INTO \"order_lines\" (\"id\", \"kind\", \"name\", \"order_id\", \"position\", \"quantity\", \"unit_price_cents\", \"vat_rate_basis_points\", \"voucher_eligible\") VALUES (@line2, 'Alcohol', 'Verre de Beaujolais', @order, 1, 1, 550, 2000, FALSE);" +
                InsertLeg + InsertTransition +
                "INSERT INTO \"provider_calls\" (\"id\", \"amount_cents\", \"completed_at\", \"created_at\", \"idempotency_key\", \"operation\", \"outcome\", \"payment_leg_id\") VALUES (@c2_id, NULL, NULL, @now, @c2_key, 'open-order', NULL, @l_id);" +
                InsertCall);
            orderOpened = Prepared(BumpOrder + "UPDATE \"payment_legs\" SET \"provider_order_data\" = @data, \"provider_order_reference\" = @psp WHERE \"id\" = @leg RETURNING 1;" + CompleteCall);
            voucherAuthorised = Prepared(InsertTransition + BumpOrder +
                "UPDATE \"payment_legs\" SET \"authorised_amount_cents\" = 1850, \"provider_reference\" = @psp, \"state\" = 'Authorized' WHERE \"id\" = @leg RETURNING 1;" +
                InsertLeg + CompleteCall +
                "INSERT INTO \"leg_transitions\" (\"id\", \"amount_cents\", \"at\", \"from_state\", \"payment_leg_id\", \"reason\", \"to_state\") VALUES (@t2_id, NULL, @now, 'Planned', @l_id, NULL, 'Authorizing');" +
                InsertCall);
            cardAuthorised = Prepared(InsertTransition + BumpOrder +
                "UPDATE \"payment_legs\" SET \"authorised_amount_cents\" = 550, \"card_brand\" = 'visa', \"provider_reference\" = @psp, \"state\" = 'Authorized' WHERE \"id\" = @leg RETURNING 1;" +
                CompleteCall + InsertCall);
            voucherCaptured = Prepared(InsertTransition + BumpOrder +
                "UPDATE \"payment_legs\" SET \"captured_amount_cents\" = 1850, \"state\" = 'Captured' WHERE \"id\" = @leg RETURNING 1;" +
                CompleteCall + InsertCall);
            cardCaptured = Prepared(InsertTransition +
                "UPDATE \"orders\" SET \"status\" = 'Paid', \"version\" = @version + 1 WHERE \"id\" = @order AND \"version\" = @version RETURNING 1;" +
                "UPDATE \"payment_legs\" SET \"captured_amount_cents\" = 550, \"state\" = 'Captured' WHERE \"id\" = @leg RETURNING 1;" +
                CompleteCall);
        }

        internal DbConnection Connection { get; }

        /// <summary>Reads what the app reads before opening an order: does it exist, what did the voucher account spend today.</summary>
        public async Task ReadAsync(Guid order, string account, long dayStart)
        {
            await ReadAllAsync(findOrder, ("@order", (object)order));
            await ReadAllAsync(spentToday, ("@account", account), ("@from", dayStart), ("@to", dayStart + 86_400_000));
        }

        public Task OpenOrderAsync(Guid order, string number, Guid voucherLeg, string account, Guid orderCall, Guid paymentCall) =>
            CommittedAsync(openOrder, ("@order", order), ("@number", number), ("@restaurant", DemoRestaurant.Restaurant.Id),
                ("@line1", Guid.NewGuid()), ("@line2", Guid.NewGuid()),
                ("@l_id", voucherLeg), ("@l_amount", 1850), ("@l_last4", DBNull.Value), ("@l_issuer", "Pluxee"), ("@l_kind", "Voucher"), ("@l_route", "Conecs"), ("@l_account", account),
                ("@t_id", Guid.NewGuid()), ("@t_from", "Planned"), ("@t_leg", voucherLeg), ("@t_reason", "EligibleAmount"), ("@t_to", "Authorizing"),
                ("@c2_id", orderCall), ("@c2_key", Key()),
                ("@c_id", paymentCall), ("@c_key", Key()), ("@c_operation", "payment"), ("@c_leg", voucherLeg));

        public Task OrderOpenedAsync(Guid order, int version, Guid voucherLeg, string psp, string data, Guid orderCall) =>
            CommittedAsync(orderOpened, ("@order", order), ("@version", version), ("@leg", voucherLeg), ("@psp", psp), ("@data", data), ("@done_call", orderCall), ("@outcome", "ok"));

        public Task VoucherAuthorisedAsync(Guid order, int version, Guid voucherLeg, string psp, Guid paymentCall, Guid cardLeg, Guid cardCall) =>
            CommittedAsync(voucherAuthorised, ("@order", order), ("@version", version), ("@leg", voucherLeg), ("@psp", psp), ("@done_call", paymentCall), ("@outcome", "Authorised"),
                ("@t_id", Guid.NewGuid()), ("@t_from", "Authorizing"), ("@t_leg", voucherLeg), ("@t_reason", DBNull.Value), ("@t_to", "Authorized"),
                ("@l_id", cardLeg), ("@l_amount", 550), ("@l_last4", "1111"), ("@l_issuer", DBNull.Value), ("@l_kind", "Card"), ("@l_route", DBNull.Value), ("@l_account", DBNull.Value),
                ("@t2_id", Guid.NewGuid()),
                ("@c_id", cardCall), ("@c_key", Key()), ("@c_operation", "payment"), ("@c_leg", cardLeg));

        public Task CardAuthorisedAsync(Guid order, int version, Guid cardLeg, string psp, Guid cardCall, Guid voucherLeg, Guid captureCall) =>
            CommittedAsync(cardAuthorised, ("@order", order), ("@version", version), ("@leg", cardLeg), ("@psp", psp), ("@done_call", cardCall), ("@outcome", "Authorised"),
                ("@t_id", Guid.NewGuid()), ("@t_from", "Authorizing"), ("@t_leg", cardLeg), ("@t_reason", DBNull.Value), ("@t_to", "Authorized"),
                ("@c_id", captureCall), ("@c_key", Key()), ("@c_operation", "capture"), ("@c_leg", voucherLeg));

        public Task VoucherCapturedAsync(Guid order, int version, Guid voucherLeg, Guid captureCall, Guid cardLeg, Guid cardCaptureCall) =>
            CommittedAsync(voucherCaptured, ("@order", order), ("@version", version), ("@leg", voucherLeg), ("@done_call", captureCall), ("@outcome", "received"),
                ("@t_id", Guid.NewGuid()), ("@t_from", "Authorized"), ("@t_leg", voucherLeg), ("@t_reason", DBNull.Value), ("@t_to", "Captured"),
                ("@c_id", cardCaptureCall), ("@c_key", Key()), ("@c_operation", "capture"), ("@c_leg", cardLeg));

        public Task CardCapturedAsync(Guid order, int version, Guid cardLeg, Guid cardCaptureCall) =>
            CommittedAsync(cardCaptured, ("@order", order), ("@version", version), ("@leg", cardLeg), ("@done_call", cardCaptureCall), ("@outcome", "received"),
                ("@t_id", Guid.NewGuid()), ("@t_from", "Authorized"), ("@t_leg", cardLeg), ("@t_reason", DBNull.Value), ("@t_to", "Captured"));

        public void Dispose() => home.Add(this);

        private async Task CommittedAsync(DbCommand command, params (string Name, object Value)[] values)
        {
            if (gate is null)
            {
                await CommittedNowAsync(command, values);
                return;
            }
            await gate.WaitAsync();
            try
            {
                await CommittedNowAsync(command, values);
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task CommittedNowAsync(DbCommand command, (string Name, object Value)[] values)
        {
            await using var transaction = await Connection.BeginTransactionAsync(); // as EF Core's: BEGIN IMMEDIATE on SQLite, read committed on PostgreSQL
            command.Transaction = transaction;
            command.Parameters["@now"].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var rows = await ReadAllAsync(command, values);
            await transaction.CommitAsync();
            command.Transaction = null;
            if (rows != command.CommandText.Split("RETURNING 1").Length - 1)
            {
                throw new InvalidOperationException("A raw checkout update found its row changed or gone."); // as EF Core's concurrency check
            }
        }

        private static async Task<int> ReadAllAsync(DbCommand command, params (string Name, object Value)[] values)
        {
            foreach (var (name, value) in values)
            {
                command.Parameters[name].Value = value;
            }
            var rows = 0;
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                while (await reader.ReadAsync())
                {
                    rows++;
                }
            }
            while (await reader.NextResultAsync());
            return rows;
        }

        private DbCommand Prepared(string sql)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, "@[a-z0-9_]+").Select(m => m.Value).Distinct())
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = DBNull.Value;
                command.Parameters.Add(parameter);
            }
            return command;
        }

        private static string Key() => Guid.NewGuid().ToString("N");
    }
}

/// <param name="OneWriterAtATime">Writers queue in the process before <c>BEGIN IMMEDIATE</c> instead of in SQLite's busy handler, which sleeps.</param>
/// <param name="NoSyncAtCommit">
/// A commit no longer waits for the disk: <c>PRAGMA synchronous = NORMAL</c> on SQLite (WAL mode keeps it through a crash
/// of the process, not of the machine), <c>synchronous_commit = off</c> on PostgreSQL (the last commits can be lost with
/// the server). The app keeps both engines' defaults: a key lost with the machine is a call the reconciler never replays.
/// </param>
public sealed record RawWriteSettings(bool OneWriterAtATime, bool NoSyncAtCommit)
{
    public override string ToString() =>
        $"{(OneWriterAtATime ? "one writer at a time" : "writers in parallel")}, {(NoSyncAtCommit ? "no sync at commit" : "each commit synced")}";
}
