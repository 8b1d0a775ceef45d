using AngleSharp.Dom;
using Bunit;
using MealCheckout.Web.Components.Pages.Menu;

namespace MealCheckout.Tests.Components;

/// <summary>
/// What the browser sends for a click on a − or + button drawn as markup (app.js, the "menuclick" event type): the
/// dish of the button's row or basket line and the button's action, to the one handler above them.
/// </summary>
internal static class MenuClick
{
    public static void On(IElement button)
    {
        var row = button.Closest("[data-item-id]") ?? throw new InvalidOperationException("a button outside a row or line");
        var handler = button.Ancestors<IElement>().FirstOrDefault(e => e.HasAttribute("blazor:onmenuclick"))
            ?? throw new InvalidOperationException("a button without a menu click handler above it");
        handler.TriggerEvent("onmenuclick", new MenuClickEventArgs { ItemId = row.GetAttribute("data-item-id"), Action = button.GetAttribute("data-action") });
    }
}
