namespace MealCheckout.Web.Staff;

/// <summary>Marker for the "Rules in force" strings in Resources/Staff/StaffRulesText.resx (French) and .en.resx.</summary>
public sealed class StaffRulesText;
