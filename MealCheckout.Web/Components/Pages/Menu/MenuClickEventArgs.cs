using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;

namespace MealCheckout.Web.Components.Pages.Menu;

/// <summary>
/// A click on a menu row's − or + button. The buttons are plain markup without a handler each: one handler on the
/// menu receives every click, and the browser (app.js, the "menuclick" event type) reads the dish and the action
/// from the row's <c>data-item-id</c> and the button's <c>data-action</c>. Read by <see cref="MenuClickJsonConverter"/>,
/// not by reflection: an open circuit then keeps no JSON metadata for this type's properties.
/// </summary>
[JsonConverter(typeof(MenuClickJsonConverter))]
public sealed class MenuClickEventArgs : EventArgs
{
    public string? ItemId { get; set; }

    /// <summary><see cref="MenuRowMarkup.AddAction"/>, <see cref="MenuRowMarkup.RemoveAction"/>, or null for a click elsewhere on the menu.</summary>
    public string? Action { get; set; }
}

/// <summary>Declares <c>@onmenuclick</c> to the Razor compiler.</summary>
[EventHandler("onmenuclick", typeof(MenuClickEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
