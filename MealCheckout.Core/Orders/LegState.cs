namespace MealCheckout.Core.Orders;

/// <summary>Where one payment leg (a voucher or a card payment) stands with its provider.</summary>
public enum LegState
{
    /// <summary>Decided by the split, nothing sent yet.</summary>
    Planned,

    /// <summary>The authorisation request is about to be or has been sent; its outcome is not known yet.</summary>
    Authorizing,

    /// <summary>The provider holds the money; it still has to be captured or cancelled.</summary>
    Authorized,

    /// <summary>The money is taken.</summary>
    Captured,

    /// <summary>The captured money went back to the diner.</summary>
    Refunded,

    /// <summary>The provider said no (balance, cap, card refused…).</summary>
    Refused,

    /// <summary>An authorisation was released, or the leg was dropped before being sent.</summary>
    Cancelled,

    /// <summary>The call broke and the provider confirmed nothing was taken.</summary>
    Failed,
}

/// <summary>
/// The legal moves between leg states (DESIGN.md). Authorizing → Captured covers auto-capture
/// (Edenred <c>capture_mode=auto</c>); Authorizing → Cancelled covers a reconciler finding an
/// authorisation that was taken and released after a crash.
/// </summary>
public static class LegStateMachine
{
    private static readonly Dictionary<LegState, LegState[]> Moves = new()
    {
        [LegState.Planned] = [LegState.Authorizing, LegState.Cancelled],
        [LegState.Authorizing] = [LegState.Authorized, LegState.Captured, LegState.Refused, LegState.Cancelled, LegState.Failed],
        [LegState.Authorized] = [LegState.Captured, LegState.Cancelled, LegState.Failed],
        [LegState.Captured] = [LegState.Refunded],
        [LegState.Refunded] = [],
        [LegState.Refused] = [],
        [LegState.Cancelled] = [],
        [LegState.Failed] = [],
    };

    public static bool CanMove(LegState from, LegState to) => Moves[from].Contains(to);

    /// <summary>No checkout step is pending: the leg is paid, released or never went through.</summary>
    public static bool IsSettled(LegState state) => state is not (LegState.Planned or LegState.Authorizing or LegState.Authorized);
}

/// <summary>Thrown when code tries a move the state machine forbids: a bug, never a diner's mistake.</summary>
public sealed class IllegalLegTransitionException(LegState from, LegState to)
    : InvalidOperationException($"A payment leg cannot move from {from} to {to}.")
{
    public LegState From { get; } = from;
    public LegState To { get; } = to;
}
