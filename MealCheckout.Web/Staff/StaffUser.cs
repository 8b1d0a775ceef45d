using Microsoft.AspNetCore.Identity;

namespace MealCheckout.Web.Staff;

/// <summary>A restaurant employee who signs in to the staff area.</summary>
public sealed class StaffUser : IdentityUser;
