using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Restaurants;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Faults;
using MealCheckout.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// First-generation and mixed meal-voucher cards, recognised by the sandbox's configured ranges
/// (appsettings.Development.json), paid through the page's one service against the sandbox over real
/// HTTP and a real SQLite file; what each card was charged is read in the sandbox's own ledger.
/// </summary>
public sealed class FirstGenerationCardTests : IDisposable
{
    // A dropped connection is retried twice by the client and the whole call replayed once: six drops lose the answer.
    private const int LostAnswer = 6;

    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Reconciler:IntervalSeconds"] = "3600",
        ["Reconciler:StaleAfterSeconds"] = "0",
    }, weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private DinerCheckout Checkout => Get<DinerCheckout>();

    private AdyenLedger Adyen => Get<AdyenLedger>();

    [Fact]
    public async Task A_first_generation_card_with_enough_balance_pays_its_part_as_a_card_under_the_voucher_cap()
    {
        var basket = DinerBasket.Of(DinerBasket.GroupMenu, DinerBasket.Salad, DinerBasket.Wine); // EUR 34.50, EUR 29 eligible
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, Swile(SwileCards.Balance50), TestPayers.Fresh()), CancellationToken.None);
        var shown = preview.Split!;
        Assert.Equal((VoucherIssuer.Swile, 2500L, 950L, SplitLimit.DailyCap), (shown.Issuer, shown.VoucherPart.Cents, shown.CardPart.Cents, shown.Limit));
        Assert.Null(preview.Available); // no balance check through the card network: the issuer answers the payment

        var outcome = await PayAsync(Guid.NewGuid(), basket, Swile(SwileCards.Balance50), shown);

        Assert.True(outcome.Paid, outcome.ToString());
        var charge = Assert.Single(Adyen.Payments, p => p.CardNumber == SwileCards.Balance50);
        Assert.Equal(("mc", 2500L), (charge.PaymentMethod, charge.CapturedAmount));
        Assert.Equal(950, ChargedOn(TestCards.Visa));
        var voucher = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Legs.Single(l => l.Kind == LegKind.Voucher);
        Assert.Equal((VoucherIssuer.Swile, VoucherRoute.CardNetwork, "mc", "0015"), (voucher.Issuer, voucher.Route, voucher.CardBrand, voucher.CardLast4));
    }

    [Fact]
    public async Task The_issuers_partial_authorisation_is_a_question_and_the_bank_card_pays_the_rest_once_confirmed()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var shown = await PreviewAsync(basket, Swile(SwileCards.Balance8));
        Assert.Equal((1850L, 0L), (shown.VoucherPart.Cents, shown.CardPart.Cents));
        var checkoutId = Guid.NewGuid();

        var question = await PayAsync(checkoutId, basket, Swile(SwileCards.Balance8), shown);

        Assert.Equal((CheckoutFailure.PartiallyAuthorised, SplitChange.PartiallyAuthorised), (question.Failure, question.Change));
        Assert.Equal((800L, 1050L), (question.Proposed!.VoucherPart.Cents, question.Proposed.CardPart.Cents));
        Assert.Equal(("PartiallyAuthorised", 800L), (Adyen.Payments.Single().ResultCode, Adyen.Payments.Single().HeldAmount));
        Assert.Equal(0, ChargedOn(TestCards.Visa));

        var paid = await PayAsync(checkoutId, basket, null, question.Proposed);

        Assert.True(paid.Paid, paid.ToString());
        Assert.Equal(800, Adyen.Payments.Single(p => p.CardNumber == SwileCards.Balance8).CapturedAmount);
        Assert.Equal(1050, ChargedOn(TestCards.Visa));
    }

    [Theory]
    [InlineData(SwileCards.Refused, "Refused")]
    [InlineData(SwileCards.CapSpentElsewhere, "Withdrawal amount exceeded")]
    [InlineData(SwileCards.Balance8WithoutPartial, "Not enough balance")]
    public async Task A_card_its_issuer_refuses_charges_nothing_and_holds_nothing(string number, string refusal)
    {
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);

        var outcome = await PayAsync(Guid.NewGuid(), basket, Swile(number), await PreviewAsync(basket, Swile(number)));

        Assert.Equal((CheckoutFailure.VoucherRefused, refusal), (outcome.Failure, outcome.ProviderCode));
        Assert.All(Adyen.Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
        Assert.Equal(OrderStatus.Failed, (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Status);
    }

    [Fact]
    public async Task A_refused_bank_card_releases_the_first_generation_authorisation()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var checkoutId = Guid.NewGuid();
        var question = await PayAsync(checkoutId, basket, Swile(SwileCards.Balance8), await PreviewAsync(basket, Swile(SwileCards.Balance8)));
        Assert.Equal(800, Adyen.Payments.Single().HeldAmount);

        var outcome = await PayAsync(checkoutId, basket, null, question.Proposed!, TestCards.VisaRefused);

        Assert.Equal(CheckoutFailure.CardRefused, outcome.Failure);
        var voucher = Assert.Single(Adyen.Payments, p => p.CardNumber == SwileCards.Balance8);
        Assert.Equal(("cancelled", 0L), (voucher.Status, voucher.CapturedAmount));
        var order = (await Get<IOrderStore>().FindAsync(checkoutId))!;
        Assert.Equal(OrderStatus.Failed, order.Status);
        Assert.Equal(LegState.Cancelled, order.Legs.Single(l => l.Kind == LegKind.Voucher).State);
    }

    [Fact]
    public async Task The_restaurants_cap_counts_what_the_card_paid_here_today()
    {
        var first = DinerBasket.Of(DinerBasket.Steak);
        Assert.True((await PayAsync(Guid.NewGuid(), first, Swile(SwileCards.Balance50), await PreviewAsync(first, Swile(SwileCards.Balance50)))).Paid);

        var second = await PreviewAsync(DinerBasket.Of(DinerBasket.Steak), Swile(SwileCards.Balance50));

        Assert.Equal((650L, 1200L, SplitLimit.DailyCap), (second.VoucherPart.Cents, second.CardPart.Cents, second.Limit));
    }

    [Fact]
    public async Task A_mixed_card_goes_to_CONECS_when_the_restaurant_accepts_its_issuer()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);

        var outcome = await PayAsync(Guid.NewGuid(), basket, Swile(MixedCards.Bimpli50), await PreviewAsync(basket, Swile(MixedCards.Bimpli50)));

        Assert.True(outcome.Paid, outcome.ToString());
        Assert.Equal((AdyenTestCards.Bimpli, 1850L), (Adyen.Payments.Single().PaymentMethod, Adyen.Payments.Single().CapturedAmount));
        var voucher = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Legs.Single();
        Assert.Equal((VoucherIssuer.Bimpli, VoucherRoute.Conecs), (voucher.Issuer, voucher.Route));
    }

    [Fact]
    public async Task A_mixed_card_goes_through_the_card_network_when_the_restaurant_does_not_accept_its_issuer()
    {
        await AcceptAsync(VoucherIssuer.Bimpli, accepted: false);
        var basket = DinerBasket.Of(DinerBasket.Steak);

        var outcome = await PayAsync(Guid.NewGuid(), basket, Swile(MixedCards.Bimpli50), await PreviewAsync(basket, Swile(MixedCards.Bimpli50)));

        Assert.True(outcome.Paid, outcome.ToString());
        Assert.Equal(("visa", 1850L), (Adyen.Payments.Single().PaymentMethod, Adyen.Payments.Single().CapturedAmount));
        var voucher = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!.Legs.Single();
        Assert.Equal((VoucherIssuer.Bimpli, VoucherRoute.CardNetwork), (voucher.Issuer, voucher.Route));
    }

    [Fact]
    public async Task A_first_generation_card_is_refused_before_any_call_when_the_restaurant_does_not_accept_its_issuer()
    {
        await AcceptAsync(VoucherIssuer.Swile, accepted: false);

        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(DinerBasket.Of(DinerBasket.Steak), Swile(SwileCards.Balance50), TestPayers.Fresh()), CancellationToken.None);

        Assert.Equal(CheckoutFailure.IssuerNotAccepted, preview.Refusal!.Failure);
        Assert.Empty(Adyen.Payments);
    }

    [Fact]
    public async Task A_first_generation_payment_whose_answer_was_lost_is_released_by_the_reconciler()
    {
        Get<SandboxFaults>().Arm(new SandboxFault(FaultTarget.Adyen, FaultKind.DropConnection, Match: "0015", Times: LostAnswer, PathEndsWith: "/payments"));
        var basket = DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine);

        var outcome = await PayAsync(Guid.NewGuid(), basket, Swile(SwileCards.Balance50), await PreviewAsync(basket, Swile(SwileCards.Balance50)));
        Assert.Equal(CheckoutFailure.OutcomeBeingChecked, outcome.Failure);

        await Get<CheckoutReconciler>().RunOnceAsync(CancellationToken.None);

        var order = (await Get<IOrderStore>().FindAsync(outcome.OrderId))!;
        Assert.Equal(OrderStatus.Failed, order.Status);
        var voucher = order.Legs.Single(l => l.Kind == LegKind.Voucher);
        Assert.Equal(LegState.Cancelled, voucher.State);
        Assert.Contains(voucher.Calls, c => c.Operation == "cancel" && c.IsCompleted);
        Assert.All(Adyen.Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    private async Task<ConfirmedSplit> PreviewAsync(CheckoutBasket basket, VoucherChoice voucher)
    {
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        Assert.Null(preview.Refusal);
        return preview.Split!;
    }

    private Task<CheckoutOutcome> PayAsync(Guid checkoutId, CheckoutBasket basket, VoucherChoice? voucher, ConfirmedSplit confirmed, string bankCard = TestCards.Visa) =>
        Checkout.PayAsync(new CheckoutPayRequest(checkoutId, basket, voucher, confirmed, DinerBasket.Card(bankCard), TestPayers.Fresh()), CancellationToken.None);

    /// <summary>The card as the page sends it: the brand picked does not matter, its number decides.</summary>
    private static VoucherCard Swile(string number) => new(VoucherIssuer.Swile, DinerBasket.Card(number));

    private long ChargedOn(string number) => Adyen.Payments.Where(p => p.CardNumber == number).Sum(p => p.CapturedAmount + p.HeldAmount);

    private async Task AcceptAsync(VoucherIssuer issuer, bool accepted)
    {
        var store = Get<RestaurantSettingsStore>();
        var current = await store.ReadAsync(DemoRestaurant.Restaurant.Id, CancellationToken.None);
        await store.SaveAsync(DemoRestaurant.Restaurant.Id, new RestaurantSettingsEdit(current.Siret,
            [.. current.Issuers.Select(i => i.Issuer == issuer ? i with { Accepted = accepted } : i)]), "manager@mealcheckout.test", CancellationToken.None);
    }

    public void Dispose() => app.Dispose();
}

/// <summary>The sandbox's Swile first-generation cards (docs/sandbox.md).</summary>
public static class SwileCards
{
    public const string Balance50 = "5356100000000015";
    public const string Balance8 = "5356100000000023";
    public const string Refused = "5356100000000031";
    public const string CapSpentElsewhere = "5356100000000049";
    public const string Balance8WithoutPartial = "5356100000000056";
    public const string AllowedOnSundays = "5356100000000064";
}

/// <summary>The sandbox's Bimpli mixed cards: CONECS meal vouchers that are also Visa cards.</summary>
public static class MixedCards
{
    public const string Bimpli50 = "4509030000000013";
}
