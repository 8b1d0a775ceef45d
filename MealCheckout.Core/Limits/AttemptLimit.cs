namespace MealCheckout.Core.Limits;

/// <summary>
/// At most <see cref="Limit"/> attempts under <see cref="Key"/> within a sliding <see cref="Window"/>.
/// A limit that does not <see cref="Counts"/> only gates: the attempt must fit under it, but is not
/// counted against it (a client paused by the cards it had refused, whatever it tries next).
/// </summary>
public sealed record AttemptLimit(string Key, int Limit, TimeSpan Window, bool Counts = true);
