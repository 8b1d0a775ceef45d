using System.Globalization;
using MealCheckout.Core;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Web.Staff;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Tests.Components;

/// <summary>What a manager reads after a refund attempt, from the app's real French and English resources.</summary>
public sealed class RefundWordsTests
{
    private static readonly PaymentLeg CardLeg = NewCardLeg();

    [Theory]
    [InlineData("fr-FR", "167", "ne peut plus être remboursé")]
    [InlineData("en", "167", "can no longer be refunded")]
    [InlineData("fr-FR", "137", "refuse le montant")]
    [InlineData("en", "901", "refuses our credentials")]
    [InlineData("en", "XYZ", "refuses the refund (code XYZ)")]
    public async Task A_providers_refusal_is_said_in_words_with_its_code(string culture, string code, string expected)
    {
        var text = await SayAsync(culture, new RefundResult(RefundOutcome.Refused, code));

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains(code, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", RefundOutcome.Refunded, "Remboursement effectué\u00a0: 5,50\u00a0€ rendus sur Carte •••• 1111.")]
    [InlineData("en", RefundOutcome.OutcomeUnknown, "The provider did not answer. Try again: the same request is sent again and cannot refund twice.")]
    [InlineData("en", RefundOutcome.NotAllowed, "Only a manager can refund.")]
    public async Task Every_outcome_has_its_sentence(string culture, RefundOutcome outcome, string expected)
    {
        Assert.Equal(expected, await SayAsync(culture, new RefundResult(outcome)));
    }

    [Fact]
    public async Task A_refund_the_issuer_does_not_allow_is_named_after_the_issuer()
    {
        var at = DateTimeOffset.UtcNow;
        var order = Order.Create(Guid.NewGuid(), "MC-261123-ABCDEG", "fr-FR", Fulfilment.Pickup, [new NewOrderLine("Salade", ItemKind.Food, Money.FromCents(1200), 1)], at);
        var edenred = order.AddVoucherLeg(VoucherIssuer.Edenred, "lerouxpablo@yopmail.com", Money.FromCents(1200), at);

        Assert.Equal("Edenred does not allow this refund: nothing was sent.",
            await SayAsync("en", new RefundResult(RefundOutcome.NotAvailableForIssuer), edenred));
    }

    private static async Task<string> SayAsync(string culture, RefundResult result, PaymentLeg? leg = null)
    {
        await using var ctx = new DinerContext(culture);
        return StaffOperationsWords.RefundOutcome(ctx.Get<IStringLocalizer<StaffOperationsText>>(), result, leg ?? CardLeg, CultureInfo.CurrentCulture);
    }

    private static PaymentLeg NewCardLeg()
    {
        var at = DateTimeOffset.UtcNow;
        var order = Order.Create(Guid.NewGuid(), "MC-261123-ABCDEF", "fr-FR", Fulfilment.Pickup, [new NewOrderLine("Vin", ItemKind.Alcohol, Money.FromCents(550), 1)], at);
        var leg = order.AddCardLeg("card", "1111", Money.FromCents(550), at);
        leg.MoveTo(LegState.Authorizing, at);
        leg.Captured(Money.FromCents(550), at);
        return leg;
    }
}
