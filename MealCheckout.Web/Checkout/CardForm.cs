using MealCheckout.Core.Payments;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// One card as the provider's secured fields report it: each field's state, the scheme and the last
/// four digits. The number and CVC never reach it; the encrypted values are handed over once, on submit.
/// </summary>
public sealed class CardForm
{
    public const string Number = "number";
    public const string Expiry = "expiry";
    public const string Cvc = "cvc";

    private bool submitted;

    public SecuredFieldsState State { get; private set; } = SecuredFieldsState.Empty;

    public string? Brand => State.Brand;

    public string? Last4 => State.Last4;

    /// <summary>The field's problem to show under it: once the diner left the field, or for every field once they submitted.</summary>
    public CardProblem ProblemOf(string field)
    {
        var state = State.Fields.GetValueOrDefault(field);
        return state is { Valid: true } || !(submitted || state is { Touched: true }) ? CardProblem.None : Problem(field, state?.Error);
    }

    /// <summary>Keeps the fields' latest state; true when a value changed (leaving a field is no edit).</summary>
    public bool Report(SecuredFieldsState state)
    {
        var edited = state.Fields.Any(f => (State.Fields.GetValueOrDefault(f.Key)?.Version ?? 0) != f.Value.Version);
        State = state;
        return edited;
    }

    /// <summary>Records what the fields answered on submit; the card to send, or null with every field's problem shown.</summary>
    public EncryptedCard? Submitted(SecuredFieldsCollected collected)
    {
        submitted = true;
        State = new SecuredFieldsState(collected.Fields, collected.Brand, collected.Last4, collected.Valid, collected.Bin);
        return collected is { Valid: true, Encrypted: { } e }
            ? EncryptedCard.From(e.EncryptedCardNumber, e.EncryptedExpiryMonth, e.EncryptedExpiryYear, e.EncryptedSecurityCode, collected.Brand, collected.Last4, collected.Bin)
            : null;
    }

    public void Clear()
    {
        submitted = false;
        State = SecuredFieldsState.Empty;
    }

    private static CardProblem Problem(string field, string? error) => (field, error) switch
    {
        (Number, _) => CardProblem.NumberMalformed,
        (Expiry, "expired") => CardProblem.Expired,
        (Expiry, _) => CardProblem.ExpiryMalformed,
        _ => CardProblem.CvcMalformed,
    };
}
