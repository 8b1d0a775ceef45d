namespace MealCheckout.Web.Staff;

/// <summary>
/// The accounts created at start-up when they do not exist yet: a manager (<c>Staff:SeedUser</c>,
/// <c>Staff:SeedPassword</c>) and, optionally, a read-only staff member. Passwords are only used to
/// create an account; an existing account keeps the password it has.
/// </summary>
public sealed class StaffAccountOptions
{
    public const string SectionName = "Staff";

    public string? SeedUser { get; set; }
    public string? SeedPassword { get; set; }
    public string? SeedReadOnlyUser { get; set; }
    public string? SeedReadOnlyPassword { get; set; }
}
