using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Payments.Edenred;
using MealCheckout.Sandbox.Adyen;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Checkout;

/// <summary>
/// The page's one service, against the sandbox over real HTTP and a real SQLite file: whatever
/// changed between the preview and Pay, no leg is charged an amount the diner did not confirm —
/// checked in the issuers' own ledgers.
/// </summary>
public sealed class DinerCheckoutTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(new Dictionary<string, string?>
    {
        ["Payments:Adyen:TimeoutSeconds"] = "10",
        ["Payments:Edenred:TimeoutSeconds"] = "10",
        ["Reconciler:IntervalSeconds"] = "3600",
    }, weekdayClock: true);

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    private DinerCheckout Checkout => Get<DinerCheckout>();

    private AdyenLedger Adyen => Get<AdyenLedger>();

    [Fact]
    public async Task A_voucher_card_swapped_after_the_preview_is_charged_nothing_until_the_new_split_is_confirmed()
    {
        var basket = DinerBasket.Of(DinerBasket.GroupMenu, DinerBasket.Wine); // EUR 30.50, EUR 25 eligible
        var shown = await PreviewAsync(basket, DinerBasket.Voucher(TestCards.Bimpli50));
        Assert.Equal((2500L, 550L), (shown.VoucherPart.Cents, shown.CardPart.Cents));
        var checkoutId = Guid.NewGuid();

        var swapped = await PayAsync(checkoutId, basket, DinerBasket.Voucher(TestCards.Bimpli8), shown);

        Assert.Equal((CheckoutFailure.SplitChanged, SplitChange.VoucherChanged), (swapped.Failure, swapped.Change));
        Assert.Equal((800L, 2250L), (swapped.Proposed!.VoucherPart.Cents, swapped.Proposed.CardPart.Cents));
        Assert.Empty(Adyen.Payments);
        Assert.Null(await Get<IOrderStore>().FindAsync(checkoutId));

        var paid = await PayAsync(checkoutId, basket, DinerBasket.Voucher(TestCards.Bimpli8), swapped.Proposed);

        Assert.True(paid.Paid, paid.ToString());
        Assert.Equal(800, ChargedOn(TestCards.Bimpli8));
        Assert.Equal(2250, ChargedOn(TestCards.Visa));
        Assert.Equal(0, ChargedOn(TestCards.Bimpli50));
    }

    [Fact]
    public async Task A_balance_spent_elsewhere_after_the_preview_is_not_moved_to_the_card_silently()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var shown = await PreviewAsync(basket, DinerBasket.Voucher(TestCards.Bimpli8));
        Assert.Equal(800, shown.VoucherPart.Cents);
        await SpendElsewhereAsync(TestCards.Bimpli8, 500);

        var outcome = await PayAsync(Guid.NewGuid(), basket, DinerBasket.Voucher(TestCards.Bimpli8), shown);

        Assert.Equal((CheckoutFailure.SplitChanged, SplitChange.BalanceChanged), (outcome.Failure, outcome.Change));
        Assert.Equal((300L, 1550L), (outcome.Proposed!.VoucherPart.Cents, outcome.Proposed.CardPart.Cents));
        Assert.Equal(500, ChargedOn(TestCards.Bimpli8)); // only the purchase made elsewhere
        Assert.Equal(0, ChargedOn(TestCards.Visa));
    }

    [Fact]
    public async Task Todays_cap_used_by_another_tab_meanwhile_is_charged_nothing_until_the_new_split_is_confirmed()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var shownInFirstTab = await PreviewAsync(basket, DinerBasket.Voucher(TestCards.Pluxee50));
        var secondTab = DinerBasket.Of(DinerBasket.Salad, DinerBasket.Salad, DinerBasket.Salad); // EUR 12 on the same card
        Assert.True((await PayAsync(Guid.NewGuid(), secondTab, DinerBasket.Voucher(TestCards.Pluxee50), await PreviewAsync(secondTab, DinerBasket.Voucher(TestCards.Pluxee50)))).Paid);

        var outcome = await PayAsync(Guid.NewGuid(), basket, DinerBasket.Voucher(TestCards.Pluxee50), shownInFirstTab);

        Assert.Equal((CheckoutFailure.SplitChanged, SplitChange.DailyCapUsed), (outcome.Failure, outcome.Change));
        Assert.Equal((1300L, 550L), (outcome.Proposed!.VoucherPart.Cents, outcome.Proposed.CardPart.Cents));
        Assert.Equal(1200, ChargedOn(TestCards.Pluxee50));
        Assert.Equal(0, ChargedOn(TestCards.Visa));
    }

    [Fact]
    public async Task Edenreds_daily_limit_used_by_another_tab_meanwhile_is_charged_nothing_until_confirmed()
    {
        var login = await EdenredLogin.SignInForCheckoutAsync(app.RootUri, Get<EdenredSignIns>(), "lerouxpablo@yopmail.com");
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var shown = await PreviewAsync(basket, new EdenredVoucher(login));
        var otherTab = DinerBasket.Of(DinerBasket.Salad, DinerBasket.Salad, DinerBasket.Salad);
        Assert.True((await PayAsync(Guid.NewGuid(), otherTab, new EdenredVoucher(login), await PreviewAsync(otherTab, new EdenredVoucher(login)))).Paid);

        var outcome = await PayAsync(Guid.NewGuid(), basket, new EdenredVoucher(login), shown);

        Assert.Equal(CheckoutFailure.SplitChanged, outcome.Failure);
        Assert.Equal((700L, 1150L), (outcome.Proposed!.VoucherPart.Cents, outcome.Proposed.CardPart.Cents));
        Assert.Equal(1200, Get<MealCheckout.Sandbox.Edenred.EdenredLedger>().Transactions.Sum(t => t.CapturedAmount + t.HeldAmount));
        Assert.Equal(0, ChargedOn(TestCards.Visa));
    }

    [Fact]
    public async Task A_partial_authorisation_is_a_question_and_the_card_pays_the_difference_only_once_confirmed()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var shown = await PreviewAsync(basket, DinerBasket.Voucher(TestCards.BimpliPartial));
        var checkoutId = Guid.NewGuid();

        var question = await PayAsync(checkoutId, basket, DinerBasket.Voucher(TestCards.BimpliPartial), shown);

        Assert.Equal((CheckoutFailure.PartiallyAuthorised, SplitChange.PartiallyAuthorised), (question.Failure, question.Change));
        Assert.Equal((1000L, 850L), (question.Proposed!.VoucherPart.Cents, question.Proposed.CardPart.Cents));
        Assert.Equal(1000, Adyen.Payments.Single(p => p.CardNumber == TestCards.BimpliPartial).HeldAmount);
        Assert.Equal(0, ChargedOn(TestCards.Visa));
        Assert.Equal(CheckoutFailure.PartiallyAuthorised, (await Checkout.StatusAsync(checkoutId, CancellationToken.None))!.Failure); // a reload asks again

        var paid = await PayAsync(checkoutId, basket, null, question.Proposed);

        Assert.True(paid.Paid, paid.ToString());
        Assert.Equal(1000, Adyen.Payments.Single(p => p.CardNumber == TestCards.BimpliPartial).CapturedAmount);
        Assert.Equal(850, ChargedOn(TestCards.Visa));
    }

    [Fact]
    public async Task Declining_a_partial_authorisation_releases_it_at_once()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var checkoutId = Guid.NewGuid();
        var question = await PayAsync(checkoutId, basket, DinerBasket.Voucher(TestCards.BimpliPartial), await PreviewAsync(basket, DinerBasket.Voucher(TestCards.BimpliPartial)));
        Assert.Equal(CheckoutFailure.PartiallyAuthorised, question.Failure);

        var declined = await Checkout.DeclinePartialAsync(checkoutId, CancellationToken.None);

        Assert.Equal(CheckoutFailure.DinerCancelled, declined.Failure);
        Assert.Equal(OrderStatus.Failed, (await Get<IOrderStore>().FindAsync(checkoutId))!.Status);
        Assert.All(Adyen.Payments, p => Assert.Equal((0L, 0L), (p.HeldAmount, p.CapturedAmount)));
    }

    [Fact]
    public async Task A_payment_confirmed_for_another_split_than_the_one_asked_about_charges_nothing_more()
    {
        var basket = DinerBasket.Of(DinerBasket.Steak);
        var checkoutId = Guid.NewGuid();
        var shown = await PreviewAsync(basket, DinerBasket.Voucher(TestCards.BimpliPartial));
        var question = await PayAsync(checkoutId, basket, DinerBasket.Voucher(TestCards.BimpliPartial), shown);

        var again = await PayAsync(checkoutId, basket, DinerBasket.Voucher(TestCards.BimpliPartial), shown); // the old split, pressed again

        Assert.Equal(CheckoutFailure.PartiallyAuthorised, again.Failure);
        Assert.Equal(question.Proposed, again.Proposed);
        Assert.Equal(0, ChargedOn(TestCards.Visa));
    }

    [Fact]
    public async Task A_basket_changed_after_the_preview_is_charged_nothing_until_the_new_split_is_confirmed()
    {
        var shown = await PreviewAsync(DinerBasket.Of(DinerBasket.Steak), DinerBasket.Voucher(TestCards.Bimpli50));

        var outcome = await PayAsync(Guid.NewGuid(), DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine), DinerBasket.Voucher(TestCards.Bimpli50), shown);

        Assert.Equal((CheckoutFailure.SplitChanged, SplitChange.BasketChanged), (outcome.Failure, outcome.Change));
        Assert.Equal((1850L, 550L), (outcome.Proposed!.VoucherPart.Cents, outcome.Proposed.CardPart.Cents));
        Assert.Empty(Adyen.Payments);
    }

    [Fact]
    public async Task With_nothing_eligible_no_issuer_is_asked_and_the_card_pays_everything()
    {
        var basket = DinerBasket.Of(DinerBasket.Wine);

        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, DinerBasket.Voucher(TestCards.Bimpli50), TestPayers.Fresh()), CancellationToken.None);
        var outcome = await PayAsync(Guid.NewGuid(), basket, DinerBasket.Voucher(TestCards.Bimpli50), preview.Split!);

        Assert.Equal((0L, 550L, SplitLimit.NothingEligible), (preview.Split!.VoucherPart.Cents, preview.Split.CardPart.Cents, preview.Split.Limit));
        Assert.Null(preview.Available);
        Assert.True(outcome.Paid, outcome.ToString());
        Assert.Equal(0, ChargedOn(TestCards.Bimpli50));
        Assert.Equal(550, ChargedOn(TestCards.Visa));
    }

    [Fact]
    public async Task Everything_by_card_is_charged_only_for_the_total_the_diner_saw()
    {
        var shown = (await Checkout.PreviewAsync(new CheckoutPreviewRequest(DinerBasket.Of(DinerBasket.Steak), null, TestPayers.Fresh()), CancellationToken.None)).Split!;

        var outcome = await PayAsync(Guid.NewGuid(), DinerBasket.Of(DinerBasket.Steak, DinerBasket.Wine), null, shown);

        Assert.Equal((CheckoutFailure.SplitChanged, SplitChange.BasketChanged), (outcome.Failure, outcome.Change));
        Assert.Empty(Adyen.Payments);
    }

    private async Task<ConfirmedSplit> PreviewAsync(CheckoutBasket basket, VoucherChoice voucher)
    {
        var preview = await Checkout.PreviewAsync(new CheckoutPreviewRequest(basket, voucher, TestPayers.Fresh()), CancellationToken.None);
        Assert.Null(preview.Refusal);
        Assert.False(preview.IssuerMayRefuseToday);
        return preview.Split!;
    }

    private Task<CheckoutOutcome> PayAsync(Guid checkoutId, CheckoutBasket basket, VoucherChoice? voucher, ConfirmedSplit confirmed) =>
        Checkout.PayAsync(new CheckoutPayRequest(checkoutId, basket, voucher, confirmed, DinerBasket.Card(TestCards.Visa), TestPayers.Fresh()), CancellationToken.None);

    /// <summary>What the issuer took or still holds on this card.</summary>
    private long ChargedOn(string number) => Adyen.Payments.Where(p => p.CardNumber == number).Sum(p => p.CapturedAmount + p.HeldAmount);

    /// <summary>The diner uses the card in another shop: its balance drops, this restaurant's cap does not move.</summary>
    private Task SpendElsewhereAsync(string number, long cents) =>
        Get<AdyenCheckoutClient>().MakePaymentAsync("elsewhere", Money.FromCents(cents),
            AdyenPaymentMethod.From(AdyenPaymentMethod.MealVoucher, DinerBasket.Card(number)), null, Guid.NewGuid().ToString(), CancellationToken.None);

    public void Dispose() => app.Dispose();
}

/// <summary>Sandbox test cards (docs/sandbox.md).</summary>
public static class TestCards
{
    public const string Bimpli50 = "5038110000000010";
    public const string Bimpli8 = "5038110000000028";
    public const string BimpliPartial = "5038110000000051";
    public const string Pluxee50 = "5035450000000013";
    public const string Visa = "4111111111111111";
    public const string VisaRefused = "4000000000000002";
}

/// <summary>Small builders for what the diner's page sends.</summary>
public static class DinerBasket
{
    public static NewOrderLine Steak => new("Steak frites", ItemKind.Food, Money.FromCents(1850), 1);
    public static NewOrderLine Salad => new("Salade", ItemKind.Food, Money.FromCents(400), 1);
    public static NewOrderLine GroupMenu => new("Menu groupe", ItemKind.Food, Money.FromCents(2500), 1);
    public static NewOrderLine Wine => new("Verre de Beaujolais", ItemKind.Alcohol, Money.FromCents(550), 1);

    public static CheckoutBasket Of(params NewOrderLine[] lines) => new(DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines);

    public static CardDetails Card(string number) => CardDetails.Parse(number, "12/30", "737", ParisCalendar.DayOf(DateTimeOffset.UtcNow)).Card!;

    public static VoucherCard Voucher(string number) => new(
        number.StartsWith("503811", StringComparison.Ordinal) ? VoucherIssuer.Bimpli
        : number.StartsWith("503545", StringComparison.Ordinal) ? VoucherIssuer.Pluxee : VoucherIssuer.UpDejeuner, Card(number));
}
