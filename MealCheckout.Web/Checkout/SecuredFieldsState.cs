namespace MealCheckout.Web.Checkout;

/// <summary>What the provider's secured fields report about one field: never its value. <see cref="Version"/> counts its edits.</summary>
public sealed record SecuredFieldState(int Version, bool Valid, string? Error, bool Touched, bool Empty);

/// <summary>What the secured fields report about the card: each field's state, the scheme and, once the number is valid, its last four and first six digits.</summary>
public sealed record SecuredFieldsState(Dictionary<string, SecuredFieldState> Fields, string? Brand, string? Last4, bool Valid, string? Bin = null)
{
    public static SecuredFieldsState Empty { get; } = new([], null, null, false);
}

/// <summary>The secured fields' answer when the diner submits: their state and, when every field is valid, the values encrypted now.</summary>
public sealed record SecuredFieldsCollected(
    Dictionary<string, SecuredFieldState> Fields, string? Brand, string? Last4, bool Valid, EncryptedCardFields? Encrypted, string? Bin = null);

/// <summary>The provider's names for the encrypted values, as <c>/payments</c> takes them.</summary>
public sealed record EncryptedCardFields(string EncryptedCardNumber, string EncryptedExpiryMonth, string EncryptedExpiryYear, string EncryptedSecurityCode);
