namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>
/// The number of orders, kept by the database itself (docs/decisions/0025): the staff history's unfiltered
/// count reads a few rows of <c>order_counts</c> instead of walking a whole index of a million orders.
/// Triggers on <c>orders</c> add and remove one for every order inserted or deleted (or moved to another
/// restaurant), in the writer's own transaction; the migration fills the table from the orders already there.
/// <para>
/// SQLite has one writer at a time, so one row per restaurant (slot 0) costs no concurrency. On PostgreSQL a
/// single row per restaurant would be locked by every order insert until its transaction commits, queueing
/// concurrent checkouts behind each other: each restaurant's count is spread over 16 slots chosen by a hash
/// of the order id, and the count is their sum. TRUNCATE does not fire row triggers, so it empties the counts.
/// </para>
/// </summary>
public sealed class V017_KeptOrderCounts : SchemaMigration
{
    /// <summary>Rows a restaurant's count is spread over on PostgreSQL (a power of two: the slot is a hash masked with Slots − 1).</summary>
    public const int PostgreSqlSlots = 16;

    public override int Version => 17;

    public override string Name => "kept order counts";

    public override IReadOnlyList<string> Up =>
    [
        "CREATE TABLE order_counts (restaurant_id TEXT NOT NULL, slot INTEGER NOT NULL, order_count INTEGER NOT NULL, PRIMARY KEY (restaurant_id, slot)) WITHOUT ROWID",
        """
        CREATE TRIGGER order_counts_after_insert AFTER INSERT ON orders
        BEGIN
            INSERT INTO order_counts (restaurant_id, slot, order_count) VALUES (NEW.restaurant_id, 0, 1)
                ON CONFLICT (restaurant_id, slot) DO UPDATE SET order_count = order_count + 1;
        END
        """,
        """
        CREATE TRIGGER order_counts_after_delete AFTER DELETE ON orders
        BEGIN
            UPDATE order_counts SET order_count = order_count - 1 WHERE restaurant_id = OLD.restaurant_id AND slot = 0;
        END
        """,
        """
        CREATE TRIGGER order_counts_after_restaurant_change AFTER UPDATE OF restaurant_id ON orders
        WHEN OLD.restaurant_id IS NOT NEW.restaurant_id
        BEGIN
            UPDATE order_counts SET order_count = order_count - 1 WHERE restaurant_id = OLD.restaurant_id AND slot = 0;
            INSERT INTO order_counts (restaurant_id, slot, order_count) VALUES (NEW.restaurant_id, 0, 1)
                ON CONFLICT (restaurant_id, slot) DO UPDATE SET order_count = order_count + 1;
        END
        """,
        // The migration's transaction holds SQLite's write lock: no order is added between the count and the commit.
        "INSERT INTO order_counts (restaurant_id, slot, order_count) SELECT restaurant_id, 0, COUNT(*) FROM orders GROUP BY restaurant_id",
    ];

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        "CREATE TABLE order_counts (restaurant_id uuid NOT NULL, slot smallint NOT NULL, order_count bigint NOT NULL, PRIMARY KEY (restaurant_id, slot))",
        // Orders written by instances still running the previous version wait until the counts are filled and the triggers in place.
        "LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE",
        // Once per statement, over the rows it inserted or deleted: a bulk insert updates each slot once, in one order (no deadlock between two).
        $$"""
        CREATE FUNCTION order_counts_add() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            INSERT INTO order_counts (restaurant_id, slot, order_count)
            SELECT restaurant_id, {{Slot("id")}}, COUNT(*) FROM added GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (restaurant_id, slot) DO UPDATE SET order_count = order_counts.order_count + EXCLUDED.order_count;
            RETURN NULL;
        END
        $body$
        """,
        $$"""
        CREATE FUNCTION order_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            UPDATE order_counts SET order_count = order_counts.order_count - gone.orders
            FROM (SELECT restaurant_id, {{Slot("id")}} AS slot, COUNT(*) AS orders FROM removed GROUP BY 1, 2 ORDER BY 1, 2) AS gone
            WHERE order_counts.restaurant_id = gone.restaurant_id AND order_counts.slot = gone.slot;
            RETURN NULL;
        END
        $body$
        """,
        "CREATE TRIGGER order_counts_after_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION order_counts_add()",
        "CREATE TRIGGER order_counts_after_delete AFTER DELETE ON orders REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION order_counts_remove()",
        // A statement trigger with transition tables cannot name a column, and would run on every status change: this one fires only on a move.
        $$"""
        CREATE FUNCTION order_counts_move() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            UPDATE order_counts SET order_count = order_count - 1 WHERE restaurant_id = OLD.restaurant_id AND slot = {{Slot("OLD.id")}};
            INSERT INTO order_counts (restaurant_id, slot, order_count) VALUES (NEW.restaurant_id, {{Slot("NEW.id")}}, 1)
            ON CONFLICT (restaurant_id, slot) DO UPDATE SET order_count = order_counts.order_count + 1;
            RETURN NULL;
        END
        $body$
        """,
        """
        CREATE TRIGGER order_counts_after_restaurant_change AFTER UPDATE OF restaurant_id ON orders
            FOR EACH ROW WHEN (OLD.restaurant_id IS DISTINCT FROM NEW.restaurant_id) EXECUTE FUNCTION order_counts_move()
        """,
        // TRUNCATE fires no row or DELETE trigger.
        """
        CREATE FUNCTION order_counts_emptied() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            DELETE FROM order_counts;
            RETURN NULL;
        END
        $body$
        """,
        "CREATE TRIGGER order_counts_after_truncate AFTER TRUNCATE ON orders FOR EACH STATEMENT EXECUTE FUNCTION order_counts_emptied()",
        $"INSERT INTO order_counts (restaurant_id, slot, order_count) SELECT restaurant_id, {Slot("id")}, COUNT(*) FROM orders GROUP BY 1, 2",
    ];

    /// <summary>The slot of an order: a hash of its id, so the order's insert and its delete touch the same row.</summary>
    private static string Slot(string id) => $"hashtext({id}::text) & {PostgreSqlSlots - 1}";
}
