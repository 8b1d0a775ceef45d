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

    [Fact]
    public void The_mapping_names_no_code_the_document_does_not_have()
    {
        var documented = EdenredErrorCatalog.All.Select(e => e.Code).ToHashSet();

        Assert.All(EdenredErrorReasons.Codes, code => Assert.Contains(code, documented));
    }
}
