using System.Text.Json;
using System.Text.Json.Serialization;

namespace MealCheckout.Web.Components.Pages.Menu;

/// <summary>
/// Reads a "menuclick" event's arguments as app.js sends them (<c>{"itemId": "…", "action": "add"}</c>). Blazor reads a
/// custom event's arguments with each circuit's own JSON options, which build reflection metadata for the type and each
/// of its property types once per circuit (docs/decisions/0024); a converter of its own needs none. Anything that is
/// not a string (a tampered message) reads as null, which the handlers ignore like a click outside a button.
/// </summary>
public sealed class MenuClickJsonConverter : JsonConverter<MenuClickEventArgs>
{
    public override MenuClickEventArgs Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A menu click's arguments must be a JSON object.");
        }
        var click = new MenuClickEventArgs();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isItemId = reader.ValueTextEquals("itemId"u8);
            var isAction = reader.ValueTextEquals("action"u8);
            reader.Read();
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            if (isItemId)
            {
                click.ItemId = text;
            }
            else if (isAction)
            {
                click.Action = text;
            }
        }
        return click;
    }

    /// <summary>Only the browser writes a menu click.</summary>
    public override void Write(Utf8JsonWriter writer, MenuClickEventArgs value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A menu click is only read from the browser.");
}
