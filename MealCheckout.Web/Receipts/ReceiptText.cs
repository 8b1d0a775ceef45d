namespace MealCheckout.Web.Receipts;

/// <summary>Marker for the receipt's strings in Resources/Receipts/ReceiptText.resx (French) and ReceiptText.en.resx.</summary>
public sealed class ReceiptText;
