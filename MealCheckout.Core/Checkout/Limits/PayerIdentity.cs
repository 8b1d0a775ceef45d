namespace MealCheckout.Core.Checkout;

/// <summary>
/// Who is asking to pay or check a balance, as far as limits are concerned: the client's network
/// address (<see cref="ClientKey"/>) and the diner's live page (<see cref="CircuitKey"/>). The page
/// fills it from what the server saw, never from anything the browser sends.
/// </summary>
public sealed record PayerIdentity(string ClientKey, string CircuitKey);
