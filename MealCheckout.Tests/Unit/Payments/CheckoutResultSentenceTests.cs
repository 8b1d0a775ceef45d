using System.Globalization;
using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Checkout;
using MealCheckout.Web;
using MealCheckout.Web.Components.Pages.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Tests.Unit.Payments;

/// <summary>Every checkout result the page can receive turns into a sentence with the next step, in French and in English.</summary>
public sealed class CheckoutResultSentenceTests
{
    public static TheoryData<CheckoutFailure, SplitChange?> Results()
    {
        var results = new TheoryData<CheckoutFailure, SplitChange?>();
        // A partial authorisation is asked with its amounts (PartialQuestion), not described.
        foreach (var failure in Enum.GetValues<CheckoutFailure>().Where(f => f is not (CheckoutFailure.None or CheckoutFailure.PartiallyAuthorised or CheckoutFailure.SplitChanged)))
        {
            results.Add(failure, null);
        }
        foreach (var change in Enum.GetValues<SplitChange>().Where(c => c != SplitChange.PartiallyAuthorised))
        {
            results.Add(CheckoutFailure.SplitChanged, change);
        }
        return results;
    }

    [Theory]
    [MemberData(nameof(Results))]
    public void Every_result_has_a_sentence_in_french_and_in_english(CheckoutFailure failure, SplitChange? change)
    {
        var outcome = new CheckoutOutcome(Guid.NewGuid(), "20261124-ABCD", failure) { Change = change };

        var french = Describe(outcome, "fr-FR");
        var english = Describe(outcome, "en");

        Assert.False(string.IsNullOrWhiteSpace(french));
        Assert.False(string.IsNullOrWhiteSpace(english));
        Assert.NotEqual(french, english);
    }

    [Fact]
    public void A_card_the_provider_read_as_no_voucher_card_is_explained_before_the_next_step()
    {
        var outcome = new CheckoutOutcome(Guid.NewGuid(), "20261124-ABCD", CheckoutFailure.VoucherRefused, VoucherCardRouter.NotAVoucherCard);

        Assert.Equal("D’après sa banque, cette carte n’est pas une carte titre-restaurant. Votre titre-restaurant a été refusé\u00a0: essayez une autre carte ou payez tout par carte bancaire. Rien n’a été débité.",
            Describe(outcome, "fr-FR"));
        Assert.Equal("According to its bank, this card is not a meal-voucher card. Your meal voucher was refused: try another card or pay everything by bank card. Nothing was charged.",
            Describe(outcome, "en"));
    }

    private static string Describe(CheckoutOutcome outcome, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            using var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
            var text = services.GetRequiredService<IStringLocalizer<UiText>>();
            var sentence = CheckoutMessages.Describe(text, outcome);
            Assert.DoesNotContain(outcome.Failure.ToString(), sentence, StringComparison.Ordinal); // a missing resource shows its key
            return sentence;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
