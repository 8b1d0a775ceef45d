namespace MealCheckout.Web.Staff;

/// <summary>Marker for the "Restaurant settings" strings in Resources/Staff/StaffSettingsText.resx (French) and .en.resx.</summary>
public sealed class StaffSettingsText;
