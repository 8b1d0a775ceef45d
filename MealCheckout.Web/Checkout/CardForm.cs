using MealCheckout.Core.Calendar;
using MealCheckout.Core.Payments;

namespace MealCheckout.Web.Checkout;

/// <summary>What the diner types for one card; turned into <see cref="CardDetails"/> only when valid.</summary>
public sealed class CardForm
{
    public string Number { get; set; } = "";
    public string Expiry { get; set; } = "";
    public string Cvc { get; set; } = "";

    public CardProblem Problem { get; private set; }

    /// <summary>Checks the card before any provider call; the problem is kept for the message under the field.</summary>
    public CardDetails? TryParse(TimeProvider time)
    {
        var (card, problem) = CardDetails.Parse(Number, Expiry, Cvc, ParisCalendar.DayOf(time.GetUtcNow()));
        Problem = problem;
        return card;
    }

    public void Clear()
    {
        Number = Expiry = Cvc = "";
        Problem = CardProblem.None;
    }
}
