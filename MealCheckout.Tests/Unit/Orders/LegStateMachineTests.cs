using MealCheckout.Core;
using MealCheckout.Core.Orders;

namespace MealCheckout.Tests.Unit.Orders;

public sealed class LegStateMachineTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 11, 30, 0, TimeSpan.Zero);

    // The whole table of DESIGN.md, written out so a change to the rules shows up here.
    private static readonly HashSet<(LegState, LegState)> Legal =
    [
        (LegState.Planned, LegState.Authorizing),
        (LegState.Planned, LegState.Cancelled),
        (LegState.Authorizing, LegState.Authorized),
        (LegState.Authorizing, LegState.Captured),
        (LegState.Authorizing, LegState.Refused),
        (LegState.Authorizing, LegState.Cancelled),
        (LegState.Authorizing, LegState.Failed),
        (LegState.Authorized, LegState.Captured),
        (LegState.Authorized, LegState.Cancelled),
        (LegState.Authorized, LegState.Failed),
        (LegState.Captured, LegState.Refunded),
    ];

    public static TheoryData<LegState, LegState> AllPairs()
    {
        var data = new TheoryData<LegState, LegState>();
        foreach (var from in Enum.GetValues<LegState>())
        {
            foreach (var to in Enum.GetValues<LegState>())
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_designed_moves_are_allowed(LegState from, LegState to) =>
        Assert.Equal(Legal.Contains((from, to)), LegStateMachine.CanMove(from, to));

    [Fact]
    public void Illegal_move_is_refused_and_leaves_the_leg_unchanged()
    {
        var leg = NewVoucherLeg();

        var error = Assert.Throws<IllegalLegTransitionException>(() => leg.MoveTo(LegState.Captured, At));

        Assert.Equal(LegState.Planned, error.From);
        Assert.Equal(LegState.Planned, leg.State);
        Assert.Empty(leg.Transitions);
    }

    [Fact]
    public void Every_move_is_recorded_with_its_time_and_reason()
    {
        var leg = NewVoucherLeg();

        leg.MoveTo(LegState.Authorizing, At);
        leg.Authorised(Money.FromCents(1200), At.AddSeconds(1), "AUTH");
        leg.Captured(Money.FromCents(1200), At.AddSeconds(2));

        Assert.Equal(
            [(LegState.Planned, LegState.Authorizing), (LegState.Authorizing, LegState.Authorized), (LegState.Authorized, LegState.Captured)],
            leg.Transitions.Select(t => (t.From, t.To)).ToArray());
        Assert.Equal(At.AddSeconds(1), leg.Transitions[1].At);
        Assert.Equal("AUTH", leg.Transitions[1].Reason);
        Assert.Equal(1200, leg.CapturedAmount.Cents);
    }

    [Fact]
    public void A_refusal_keeps_the_providers_error_code()
    {
        var leg = NewVoucherLeg();
        leg.MoveTo(LegState.Authorizing, At);

        leg.Refused("LIMIT_EXCEEDED", At);

        Assert.Equal(LegState.Refused, leg.State);
        Assert.Equal("LIMIT_EXCEEDED", leg.LastErrorCode);
    }

    [Fact]
    public void Provider_calls_get_a_fresh_idempotency_key_and_stay_pending_until_completed()
    {
        var leg = NewVoucherLeg();

        var first = leg.BeginCall("authorize", At);
        var second = leg.BeginCall("capture", At);

        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Same(first, leg.PendingCall("authorize"));
        PaymentLeg.CompleteCall(first, "ok", At);
        Assert.Null(leg.PendingCall("authorize"));
    }

    [Fact]
    public void Only_last_four_digits_of_a_card_are_accepted()
    {
        var order = OrderTests.SteakAndWine();
        Assert.Throws<ArgumentException>(() => order.AddCardLeg("visa", "4111111111111111", Money.FromCents(100), At));
    }

    [Fact]
    public void A_full_card_number_is_refused_as_a_voucher_account()
    {
        var order = OrderTests.SteakAndWine();
        Assert.Throws<ArgumentException>(() => order.AddVoucherLeg(VoucherIssuer.Bimpli, "5038110000000010", Money.FromCents(100), At));
    }

    private static PaymentLeg NewVoucherLeg() =>
        OrderTests.SteakAndWine().AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1200), At);
}
