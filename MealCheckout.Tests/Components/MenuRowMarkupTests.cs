using MealCheckout.Web.Components.Pages.Menu;

namespace MealCheckout.Tests.Components;

/// <summary>A menu row is one markup string, shared by every circuit that shows the same row (docs/decisions/0023).</summary>
public sealed class MenuRowMarkupTests
{
    private static MenuRowMarkup.Row Row(string name) => new(Guid.Parse("7ea02ae5-41be-a625-aa83-96e729a35169"), 950, true, name,
        "Frisée, lardons", "9,50 €", "Titre-restaurant", $"Quantité de {name}", $"Ajouter un {name}", $"Retirer un {name}");

    [Fact]
    public void Two_circuits_showing_the_same_row_share_one_string()
    {
        // Two rows built apart, as two circuits do, from equal texts.
        var first = MenuRowMarkup.For(Row(new string("Salade lyonnaise".ToCharArray())), 2, addEnabled: true, removeEnabled: true);
        var second = MenuRowMarkup.For(Row(new string("Salade lyonnaise".ToCharArray())), 2, addEnabled: true, removeEnabled: true);

        Assert.Same(first.Value, second.Value);
        Assert.NotSame(first.Value, MenuRowMarkup.For(Row("Salade lyonnaise"), 3, addEnabled: true, removeEnabled: true).Value);
    }

    [Fact]
    public void Two_circuits_showing_the_same_dish_keep_one_copy_of_its_texts()
    {
        var first = MenuRowMarkup.Intern(Row(new string("Salade lyonnaise".ToCharArray())));
        var second = MenuRowMarkup.Intern(Row(new string("Salade lyonnaise".ToCharArray())));

        Assert.Same(first, second);
        Assert.NotSame(first, MenuRowMarkup.Intern(Row("Salade niçoise")));
    }

    [Fact]
    public void The_row_carries_what_the_menu_click_handler_and_the_tests_read()
    {
        var empty = MenuRowMarkup.For(Row("Salade lyonnaise"), 0, addEnabled: false, removeEnabled: false).Value;
        var two = MenuRowMarkup.For(Row("Salade lyonnaise"), 2, addEnabled: true, removeEnabled: true).Value;

        Assert.Contains("data-item-id=\"7ea02ae5-41be-a625-aa83-96e729a35169\" data-price-cents=\"950\" data-eligible=\"true\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("remove-one", empty, StringComparison.Ordinal);
        Assert.Contains("disabled data-testid=\"add-one\" data-action=\"add\"", empty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"remove-one\" data-action=\"remove\"", two, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"quantity\">2</span>", two, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", two, StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_are_html_encoded()
    {
        var markup = MenuRowMarkup.For(Row("<img src=x onerror=alert(1)>"), 0, addEnabled: true, removeEnabled: true).Value;

        Assert.DoesNotContain("<img", markup, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", markup, StringComparison.Ordinal);
    }
}
