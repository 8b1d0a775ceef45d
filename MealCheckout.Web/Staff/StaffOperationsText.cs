namespace MealCheckout.Web.Staff;

/// <summary>Marker for the order detail, refund and settlement strings in Resources/Staff/StaffOperationsText.resx (French) and .en.resx.</summary>
public sealed class StaffOperationsText;
