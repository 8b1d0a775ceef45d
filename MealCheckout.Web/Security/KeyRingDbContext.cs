using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Web.Security;

/// <summary>
/// The Data Protection key ring in the app's PostgreSQL database, so every app instance protects and
/// reads staff cookies, the tab's protected cart and stored Edenred tokens with the same keys. The
/// table comes from migration V015; this context only maps onto it.
/// </summary>
public sealed class KeyRingDbContext(DbContextOptions<KeyRingDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
