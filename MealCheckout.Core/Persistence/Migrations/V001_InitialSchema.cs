namespace MealCheckout.Core.Persistence.Migrations;

/// <summary>Menus, orders, their lines and payment legs, the legs' audit trail and provider calls.</summary>
public sealed class V001_InitialSchema : SchemaMigration
{
    public override int Version => 1;

    public override string Name => "initial schema";

    public override IReadOnlyList<string> Up =>
    [
        """
        CREATE TABLE restaurants (
            id TEXT NOT NULL PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            city TEXT NOT NULL,
            delivery_fee_cents INTEGER NOT NULL CHECK (delivery_fee_cents >= 0))
        """,
        """
        CREATE TABLE menu_categories (
            id TEXT NOT NULL PRIMARY KEY,
            restaurant_id TEXT NOT NULL REFERENCES restaurants (id),
            name_fr TEXT NOT NULL,
            name_en TEXT NOT NULL,
            position INTEGER NOT NULL)
        """,
        """
        CREATE TABLE menu_items (
            id TEXT NOT NULL PRIMARY KEY,
            category_id TEXT NOT NULL REFERENCES menu_categories (id),
            name_fr TEXT NOT NULL,
            name_en TEXT NOT NULL,
            description_fr TEXT NULL,
            description_en TEXT NULL,
            price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
            kind TEXT NOT NULL,
            position INTEGER NOT NULL)
        """,
        """
        CREATE TABLE orders (
            id TEXT NOT NULL PRIMARY KEY,
            number TEXT NOT NULL UNIQUE,
            restaurant_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            culture TEXT NOT NULL,
            status TEXT NOT NULL,
            total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
            eligible_subtotal_cents INTEGER NOT NULL CHECK (eligible_subtotal_cents >= 0),
            version INTEGER NOT NULL)
        """,
        """
        CREATE TABLE order_lines (
            id TEXT NOT NULL PRIMARY KEY,
            order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            voucher_eligible INTEGER NOT NULL,
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            quantity INTEGER NOT NULL CHECK (quantity > 0))
        """,
        """
        CREATE TABLE payment_legs (
            id TEXT NOT NULL PRIMARY KEY,
            order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            issuer TEXT NULL,
            voucher_account TEXT NULL,
            card_brand TEXT NULL,
            card_last4 TEXT NULL,
            amount_cents INTEGER NOT NULL,
            authorised_amount_cents INTEGER NOT NULL,
            captured_amount_cents INTEGER NOT NULL,
            refunded_amount_cents INTEGER NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            provider_reference TEXT NULL,
            provider_order_reference TEXT NULL,
            provider_order_data TEXT NULL,
            last_error_code TEXT NULL)
        """,
        """
        CREATE TABLE leg_transitions (
            id TEXT NOT NULL PRIMARY KEY,
            payment_leg_id TEXT NOT NULL REFERENCES payment_legs (id) ON DELETE CASCADE,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            at INTEGER NOT NULL,
            reason TEXT NULL)
        """,
        """
        CREATE TABLE provider_calls (
            id TEXT NOT NULL PRIMARY KEY,
            payment_leg_id TEXT NOT NULL REFERENCES payment_legs (id) ON DELETE CASCADE,
            operation TEXT NOT NULL,
            idempotency_key TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            completed_at INTEGER NULL,
            outcome TEXT NULL)
        """,
        "CREATE INDEX ix_menu_categories_restaurant ON menu_categories (restaurant_id, position)",
        "CREATE INDEX ix_menu_items_category ON menu_items (category_id, position)",
        "CREATE INDEX ix_orders_created_at ON orders (created_at)",
        "CREATE INDEX ix_orders_status_created_at ON orders (status, created_at)",
        "CREATE INDEX ix_order_lines_order ON order_lines (order_id)",
        "CREATE INDEX ix_payment_legs_order ON payment_legs (order_id)",
        "CREATE INDEX ix_payment_legs_voucher_account ON payment_legs (voucher_account, created_at)",
        "CREATE INDEX ix_payment_legs_card_last4 ON payment_legs (card_last4)",
        "CREATE INDEX ix_leg_transitions_leg ON leg_transitions (payment_leg_id, at)",
        "CREATE INDEX ix_provider_calls_leg ON provider_calls (payment_leg_id)",
    ];

    public override IReadOnlyList<string> PostgreSqlUp =>
    [
        """
        CREATE TABLE restaurants (
            id uuid NOT NULL PRIMARY KEY,
            slug text NOT NULL UNIQUE,
            name text NOT NULL,
            city text NOT NULL,
            delivery_fee_cents bigint NOT NULL CHECK (delivery_fee_cents >= 0))
        """,
        """
        CREATE TABLE menu_categories (
            id uuid NOT NULL PRIMARY KEY,
            restaurant_id uuid NOT NULL REFERENCES restaurants (id),
            name_fr text NOT NULL,
            name_en text NOT NULL,
            position integer NOT NULL)
        """,
        """
        CREATE TABLE menu_items (
            id uuid NOT NULL PRIMARY KEY,
            category_id uuid NOT NULL REFERENCES menu_categories (id),
            name_fr text NOT NULL,
            name_en text NOT NULL,
            description_fr text NULL,
            description_en text NULL,
            price_cents bigint NOT NULL CHECK (price_cents >= 0),
            kind text NOT NULL,
            position integer NOT NULL)
        """,
        """
        CREATE TABLE orders (
            id uuid NOT NULL PRIMARY KEY,
            number text NOT NULL UNIQUE,
            restaurant_id uuid NOT NULL,
            created_at bigint NOT NULL,
            culture text NOT NULL,
            status text NOT NULL,
            total_cents bigint NOT NULL CHECK (total_cents >= 0),
            eligible_subtotal_cents bigint NOT NULL CHECK (eligible_subtotal_cents >= 0),
            version integer NOT NULL)
        """,
        """
        CREATE TABLE order_lines (
            id uuid NOT NULL PRIMARY KEY,
            order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            position integer NOT NULL,
            name text NOT NULL,
            kind text NOT NULL,
            voucher_eligible boolean NOT NULL,
            unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
            quantity integer NOT NULL CHECK (quantity > 0))
        """,
        """
        CREATE TABLE payment_legs (
            id uuid NOT NULL PRIMARY KEY,
            order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
            kind text NOT NULL,
            issuer text NULL,
            voucher_account text NULL,
            card_brand text NULL,
            card_last4 text NULL,
            amount_cents bigint NOT NULL,
            authorised_amount_cents bigint NOT NULL,
            captured_amount_cents bigint NOT NULL,
            refunded_amount_cents bigint NOT NULL,
            state text NOT NULL,
            created_at bigint NOT NULL,
            provider_reference text NULL,
            provider_order_reference text NULL,
            provider_order_data text NULL,
            last_error_code text NULL)
        """,
        """
        CREATE TABLE leg_transitions (
            id uuid NOT NULL PRIMARY KEY,
            payment_leg_id uuid NOT NULL REFERENCES payment_legs (id) ON DELETE CASCADE,
            from_state text NOT NULL,
            to_state text NOT NULL,
            at bigint NOT NULL,
            reason text NULL)
        """,
        """
        CREATE TABLE provider_calls (
            id uuid NOT NULL PRIMARY KEY,
            payment_leg_id uuid NOT NULL REFERENCES payment_legs (id) ON DELETE CASCADE,
            operation text NOT NULL,
            idempotency_key text NOT NULL UNIQUE,
            created_at bigint NOT NULL,
            completed_at bigint NULL,
            outcome text NULL)
        """,
        .. Up.Where(statement => statement.StartsWith("CREATE INDEX", StringComparison.Ordinal)),
    ];
}
