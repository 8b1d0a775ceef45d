namespace MealCheckout.Web.Staff;

/// <summary>Marker for the staff area's strings in Resources/Staff/StaffText.resx (French) and StaffText.en.resx.</summary>
public sealed class StaffText;
