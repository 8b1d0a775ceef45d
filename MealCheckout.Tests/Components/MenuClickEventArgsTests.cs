using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MealCheckout.Web.Components.Pages.Menu;

namespace MealCheckout.Tests.Components;

/// <summary>
/// A "menuclick" event's arguments as Blazor reads them from the browser's message: with JSON options like a circuit's
/// own, which keep what they learn about a type for as long as the circuit lives (docs/decisions/0024).
/// </summary>
public sealed class MenuClickEventArgsTests
{
    private static JsonSerializerOptions CircuitOptions() =>
        new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true, TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static MenuClickEventArgs Read(string json) =>
        (MenuClickEventArgs)JsonSerializer.Deserialize(json, typeof(MenuClickEventArgs), CircuitOptions())!;

    [Fact]
    public void A_click_on_a_button_reads_as_its_dish_and_action()
    {
        var click = Read("""{"itemId":"7ea02ae5-41be-a625-aa83-96e729a35169","action":"add"}""");

        Assert.Equal("7ea02ae5-41be-a625-aa83-96e729a35169", click.ItemId);
        Assert.Equal(MenuRowMarkup.AddAction, click.Action);
    }

    [Fact]
    public void A_click_outside_a_button_reads_as_no_dish_and_no_action()
    {
        var click = Read("""{"itemId":null,"action":null}""");

        Assert.Null(click.ItemId);
        Assert.Null(click.Action);
    }

    [Fact]
    public void Values_that_are_not_texts_read_as_nothing_and_other_fields_are_ignored()
    {
        var click = Read("""{"itemId":{"id":1},"action":["remove"],"extra":"x","detail":2}""");

        Assert.Null(click.ItemId);
        Assert.Null(click.Action);
    }

    [Fact]
    public void A_circuit_learns_nothing_about_the_arguments_properties()
    {
        var metadata = CircuitOptions().GetTypeInfo(typeof(MenuClickEventArgs));

        Assert.Equal(JsonTypeInfoKind.None, metadata.Kind);
        Assert.Empty(metadata.Properties);
    }
}
