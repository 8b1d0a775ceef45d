using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using MealCheckout.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace MealCheckout.Web.Components.Pages.Menu;

/// <summary>
/// A whole menu row as one markup string (docs/decisions/0023): an open circuit keeps one render-tree frame per
/// row instead of some twenty, and every circuit showing the same dish, in the same language, with the same
/// quantity, shares the same string. The − / + buttons carry <c>data-action</c> and are answered by the menu's one
/// <c>@onmenuclick</c> handler (<see cref="MenuClickEventArgs"/>).
/// </summary>
public static class MenuRowMarkup
{
    public const string AddAction = "add";

    public const string RemoveAction = "remove";

    // Bounded: a menu edited many times while the server runs must not grow it without end.
    private const int MaxEntries = 5_000;

    private static readonly ConcurrentDictionary<(Row Row, int Quantity, bool AddEnabled, bool RemoveEnabled), MarkupString> Shared = new();

    private static readonly ConcurrentDictionary<Row, Row> Rows = new();

    /// <summary>What a row shows whatever the basket holds, in the diner's language.</summary>
    public sealed record Row(Guid ItemId, long PriceCents, bool VoucherEligible, string Name, string? Description, string Price,
        string Badge, string GroupLabel, string AddLabel, string RemoveLabel);

    /// <summary>
    /// The one instance of <paramref name="row"/> that every circuit showing it keeps (docs/decisions/0024): each circuit
    /// makes its rows' texts when its menu loads, then keeps the first circuit's equal copy instead of its own.
    /// </summary>
    public static Row Intern(Row row)
    {
        if (Rows.Count >= MaxEntries)
        {
            Rows.Clear();
        }
        return Rows.GetOrAdd(row, row);
    }

    public static MarkupString For(Row row, int quantity, bool addEnabled, bool removeEnabled)
    {
        var key = (row, quantity, addEnabled, removeEnabled);
        if (Shared.TryGetValue(key, out var markup))
        {
            return markup;
        }
        if (Shared.Count >= MaxEntries)
        {
            Shared.Clear();
        }
        return Shared.GetOrAdd(key, k => Build(k.Row, k.Quantity, k.AddEnabled, k.RemoveEnabled));
    }

    private static MarkupString Build(Row row, int quantity, bool addEnabled, bool removeEnabled)
    {
        var html = HtmlEncoder.Default;
        var description = row.Description is null
            ? ""
            : $"<p class=\"{MudLook.Typography("body2", "menu-item-description")}\">{html.Encode(row.Description)}</p>";
        var remove = quantity == 0
            ? ""
            : $"<button type=\"button\" class=\"{MudLook.OutlinedIconButton}\" aria-label=\"{html.Encode(row.RemoveLabel)}\"{Disabled(removeEnabled)} data-testid=\"remove-one\" data-action=\"{RemoveAction}\">{MudLook.RemoveIcon}</button>" +
              $"<span class=\"stepper-quantity\" data-testid=\"quantity\">{quantity.ToString(CultureInfo.InvariantCulture)}</span>";
        var cents = row.PriceCents.ToString(CultureInfo.InvariantCulture);
        return new MarkupString(
            $"<li class=\"menu-item\" data-testid=\"menu-item\" data-item-id=\"{row.ItemId}\" data-price-cents=\"{cents}\" data-eligible=\"{(row.VoucherEligible ? "true" : "false")}\">" +
            $"<div class=\"menu-item-text\"><h3 class=\"{MudLook.Typography("subtitle1", "menu-item-name")}\">{html.Encode(row.Name)}</h3>{description}" +
            $"<div class=\"menu-item-meta\"><strong><span class=\"money\">{html.Encode(row.Price)}</span></strong> " +
            $"<span class=\"{MudLook.VoucherBadge(row.VoucherEligible)}\"><span class=\"mud-chip-content\">{html.Encode(row.Badge)}</span></span></div></div>" +
            $"<div class=\"quantity-stepper\" role=\"group\" aria-label=\"{html.Encode(row.GroupLabel)}\">{remove}" +
            $"<button type=\"button\" class=\"{MudLook.FilledIconButton}\" aria-label=\"{html.Encode(row.AddLabel)}\"{Disabled(addEnabled)} data-testid=\"add-one\" data-action=\"{AddAction}\">{MudLook.AddIcon}</button>" +
            "</div></li>");
    }

    private static string Disabled(bool enabled) => enabled ? "" : " disabled";
}
