using System.Globalization;
using System.Resources;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Web;
using MealCheckout.Web.Components.Pages.Checkout;

namespace MealCheckout.Tests.Unit.Payments;

/// <summary>Every error Edenred's document lists reaches the diner as a plain sentence, in French and in English.</summary>
public sealed class EdenredErrorSentenceTests
{
    private static readonly ResourceManager Text = new("MealCheckout.Web.Resources.UiText", typeof(UiText).Assembly);

    public static TheoryData<string> ErrorCodes() =>
        new(EdenredErrorCatalog.All.Where(e => !e.IsSuccess).Select(e => e.Code).Distinct().Append("AUTH_PENDING"));

    [Theory]
    [MemberData(nameof(ErrorCodes))]
    public void Every_edenred_error_code_has_a_sentence_in_french_and_in_english(string code)
    {
        var key = EdenredErrorReasons.KeyFor(code);

        Assert.NotNull(key);
        var french = Text.GetString(key, CultureInfo.GetCultureInfo("fr-FR"));
        var english = Text.GetString(key, CultureInfo.GetCultureInfo("en"));
        Assert.False(string.IsNullOrWhiteSpace(french), $"{code}: no French sentence");
        Assert.False(string.IsNullOrWhiteSpace(english), $"{code}: no English sentence");
        Assert.NotEqual(french, english);
    }

    [Theory]
    [InlineData("DECLINED", "Edenred a refusé ce paiement.", "Edenred declined this payment.")]
    [InlineData("TEMPORARY_HOLD", "Edenred a mis ce paiement en attente pour le moment\u00a0: réessayez dans quelques minutes, ou payez par carte bancaire.",
        "Edenred has put this payment on hold for now: try again in a few minutes, or pay by bank card.")]
    // "The merchant is not valid, please check the given mid.": the restaurant's setting, nothing the diner can fix.
    [InlineData("INVALID_MERCHANT", "Edenred ne peut pas prendre ce paiement dans ce restaurant pour le moment.", "Edenred cannot take this payment at this restaurant right now.")]
    [InlineData("LOCKOUT", "Trop de codes erronés\u00a0: votre carte Edenred est verrouillée pour le moment.", "Too many wrong codes: your Edenred card is locked for now.")]
    public void A_code_is_explained_by_what_the_edenred_document_says_it_means(string code, string french, string english)
    {
        var key = EdenredErrorReasons.KeyFor(code)!;

        Assert.Equal(french, Text.GetString(key, CultureInfo.GetCultureInfo("fr-FR")));
        Assert.Equal(english, Text.GetString(key, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void The_mapping_names_no_code_the_document_does_not_have()
    {
        var documented = EdenredErrorCatalog.All.Select(e => e.Code).ToHashSet();

        Assert.All(EdenredErrorReasons.Codes, code => Assert.Contains(code, documented));
    }
}
