using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Web.Components.Shared;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Components.Pages.Menu;

/// <summary>One category of the menu as the menu page draws it: its name in the diner's language and its rows.</summary>
internal sealed record MenuSection(Guid Id, string Name, IReadOnlyList<MenuRow> Rows);

/// <summary>
/// The menu's sections and rows, made once per copy of the menu (<see cref="SharedMenu"/>), language and voucher rules,
/// and shared by every circuit that shows them (docs/decisions/0026): an open menu keeps one reference instead of its
/// own rows. A copy's sections go when no circuit holds the copy any more.
/// </summary>
internal static class MenuSections
{
    private static readonly ConditionalWeakTable<RestaurantMenu, ConcurrentDictionary<(string Culture, string UiCulture, VoucherRules Rules), IReadOnlyList<MenuSection>>> Made = new();

    /// <param name="rules">The voucher rules in force today, which decide each row's badge.</param>
    /// <param name="text">The interface texts in the diner's language (the current UI culture).</param>
    public static IReadOnlyList<MenuSection> For(RestaurantMenu menu, VoucherRules rules, IStringLocalizer<UiText> text) =>
        Made.GetOrCreateValue(menu).GetOrAdd((CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name, rules), _ =>
            menu.Categories.Select(c => new MenuSection(c.Id, Localized.Pick(c.NameFr, c.NameEn), c.Items.Select(i => new MenuRow(i, rules, text)).ToList())).ToList());
}
