using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MealCheckout.Web.Staff;

/// <summary>
/// Identity's tables in the orders' SQLite file. The schema comes from migration V005 (hand-written
/// like the others, docs/decisions/0002); this context only maps onto it.
/// </summary>
public sealed class StaffIdentityDbContext(DbContextOptions<StaffIdentityDbContext> options) : IdentityDbContext<StaffUser, IdentityRole, string>(options);
