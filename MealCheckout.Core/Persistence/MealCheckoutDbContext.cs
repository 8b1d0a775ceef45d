using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Restaurants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MealCheckout.Core.Persistence;

/// <summary>
/// Orders, payment legs and menus. The schema is created by <see cref="DatabaseMigrator"/> from
/// hand-written SQL (docs/decisions/0002); this model maps onto it table for table.
/// </summary>
public sealed class MealCheckoutDbContext : DbContext
{
    public MealCheckoutDbContext(DbContextOptions<MealCheckoutDbContext> options) : base(options)
    {
        // Every explicit transaction here is all or nothing: a failed save rolls the whole transaction back. The
        // savepoint EF Core otherwise wraps around each save inside one (two more statements a save) buys nothing.
        // Set here, it is also the value a pooled context goes back to.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Restaurant> Restaurants => Set<Restaurant>();
    public DbSet<MenuCategory> MenuCategories => Set<MenuCategory>();
    public DbSet<MenuItem> MenuItems => Set<MenuItem>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<PaymentLeg> PaymentLegs => Set<PaymentLeg>();
    public DbSet<LegTransition> LegTransitions => Set<LegTransition>();
    public DbSet<ProviderCall> ProviderCalls => Set<ProviderCall>();
    public DbSet<Compensation> Compensations => Set<Compensation>();
    public DbSet<Payments.WebhookEvent> WebhookEvents => Set<Payments.WebhookEvent>();
    public DbSet<Payments.Edenred.EdenredSignIn> EdenredSignIns => Set<Payments.Edenred.EdenredSignIn>();
    public DbSet<RestaurantIssuer> RestaurantIssuers => Set<RestaurantIssuer>();
    public DbSet<RestaurantSettingChange> RestaurantSettingChanges => Set<RestaurantSettingChange>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<Money>().HaveConversion<MoneyConverter>();
        configuration.Properties<VatRate>().HaveConversion<VatRateConverter>();
        configuration.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configuration.Properties<Enum>().HaveConversion<string>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Restaurant>(e =>
        {
            e.ToTable("restaurants");
            e.Property(r => r.DeliveryFee).HasColumnName("delivery_fee_cents");
        });
        model.Entity<MenuCategory>(e =>
        {
            e.ToTable("menu_categories");
            e.HasOne<Restaurant>().WithMany().HasForeignKey(c => c.RestaurantId);
        });
        model.Entity<MenuItem>(e =>
        {
            e.ToTable("menu_items");
            e.Property(i => i.Price).HasColumnName("price_cents");
            e.Ignore(i => i.VoucherEligible);
            e.Ignore(i => i.VatRate);
            e.Property(i => i.VatRateOverride).HasColumnName("vat_rate_basis_points");
            e.HasOne<MenuCategory>().WithMany().HasForeignKey(i => i.CategoryId);
        });
        model.Entity<Order>(MapOrder);
        model.Entity<OrderLine>(e =>
        {
            e.ToTable("order_lines");
            e.Property(l => l.UnitPrice).HasColumnName("unit_price_cents");
            e.Ignore(l => l.LineTotal);
            e.Property(l => l.VatRate).HasColumnName("vat_rate_basis_points");
        });
        model.Entity<PaymentLeg>(MapLeg);
        model.Entity<LegTransition>(e =>
        {
            e.ToTable("leg_transitions");
            e.Property(t => t.From).HasColumnName("from_state");
            e.Property(t => t.To).HasColumnName("to_state");
            e.Property(t => t.Amount).HasColumnName("amount_cents");
            e.Ignore(t => t.IsPartialRefund);
        });
        model.Entity<Compensation>(e =>
        {
            e.ToTable("compensations");
            e.Property(c => c.Amount).HasColumnName("amount_cents");
        });
        model.Entity<ProviderCall>(e =>
        {
            e.ToTable("provider_calls");
            e.Property(c => c.Amount).HasColumnName("amount_cents");
            e.Ignore(c => c.IsCompleted);
        });
        model.Entity<Payments.WebhookEvent>(e =>
        {
            e.ToTable("webhook_events");
            e.Property(w => w.Amount).HasColumnName("amount_cents");
        });
        model.Entity<Payments.Edenred.EdenredSignIn>().ToTable("edenred_sign_ins");
        model.Entity<RestaurantIssuer>(e =>
        {
            e.ToTable("restaurant_issuers");
            e.HasKey(i => new { i.RestaurantId, i.Issuer });
        });
        model.Entity<RestaurantSettingChange>().ToTable("restaurant_setting_changes");
        UseSnakeCaseColumns(model);
        UseClientGeneratedKeys(model);
        // The one key SQLite numbers: the audit trail's order is the order its lines were written in.
        model.Entity<RestaurantSettingChange>().Property(c => c.Id).ValueGeneratedOnAdd();
    }

    private static void MapOrder(EntityTypeBuilder<Order> e)
    {
        e.ToTable("orders");
        e.Property(o => o.Total).HasColumnName("total_cents");
        e.Property(o => o.EligibleSubtotal).HasColumnName("eligible_subtotal_cents");
        e.Property(o => o.Version).IsConcurrencyToken();
        e.Ignore(o => o.PaidAmount);
        e.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        e.HasMany(o => o.Legs).WithOne().HasForeignKey(l => l.OrderId);
        e.HasMany(o => o.Compensations).WithOne().HasForeignKey(c => c.OrderId);
        e.Navigation(o => o.Compensations).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(o => o.Legs).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    private static void MapLeg(EntityTypeBuilder<PaymentLeg> e)
    {
        e.ToTable("payment_legs");
        e.Property(l => l.Amount).HasColumnName("amount_cents");
        e.Property(l => l.AuthorisedAmount).HasColumnName("authorised_amount_cents");
        e.Property(l => l.CapturedAmount).HasColumnName("captured_amount_cents");
        e.Property(l => l.RefundedAmount).HasColumnName("refunded_amount_cents");
        e.Ignore(l => l.Refundable);
        e.HasMany(l => l.Transitions).WithOne().HasForeignKey(t => t.PaymentLegId);
        e.HasMany(l => l.Calls).WithOne().HasForeignKey(c => c.PaymentLegId);
        e.Navigation(l => l.Transitions).UsePropertyAccessMode(PropertyAccessMode.Field);
        e.Navigation(l => l.Calls).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    // Ids are made by the domain, so a leg or transition added to a loaded order is an insert.
    private static void UseClientGeneratedKeys(ModelBuilder model)
    {
        foreach (var key in model.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()!))
        {
            foreach (var property in key.Properties)
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    // Columns are snake_case like the SQL migrations; explicit names above win.
    private static void UseSnakeCaseColumns(ModelBuilder model)
    {
        foreach (var property in model.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.GetColumnName() == property.Name)
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 && !char.IsDigit(name[i - 1]) ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
