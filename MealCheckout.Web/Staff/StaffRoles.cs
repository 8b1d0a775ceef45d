namespace MealCheckout.Web.Staff;

/// <summary>The staff roles: Staff reads orders, Manager also refunds and exports.</summary>
public static class StaffRoles
{
    public const string Staff = "Staff";
    public const string Manager = "Manager";

    public static readonly string[] All = [Staff, Manager];
}

/// <summary>Authorization policies every staff page, endpoint and download names.</summary>
public static class StaffPolicies
{
    /// <summary>Look at orders, their detail and the settlement: Staff or Manager.</summary>
    public const string ReadOrders = "staff.read-orders";

    /// <summary>Refund and export: Manager only.</summary>
    public const string ManageOrders = "staff.manage-orders";
}
