using System.Globalization;
using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace MealCheckout.Web.Components.Pages.Menu;

/// <summary>
/// One dish as the menu page draws it: its texts in the diner's language, made once when the menu loads, its
/// markup for the quantity in the basket (<see cref="MenuRowMarkup"/>), and what its − and + buttons do.
/// </summary>
internal sealed class MenuRow
{
    private readonly MenuRowMarkup.Row look;

    /// <param name="rules">The voucher rules in force today, which decide the row's badge.</param>
    /// <param name="text">The interface texts in the diner's language.</param>
    public MenuRow(MenuItemView item, VoucherRules rules, IStringLocalizer<UiText> text)
    {
        Item = item;
        var eligible = rules.IsEligible(item.Kind);
        var name = Localized.Pick(item.NameFr, item.NameEn);
        var description = Localized.Pick(item.DescriptionFr ?? "", item.DescriptionEn ?? "");
        look = MenuRowMarkup.Intern(new MenuRowMarkup.Row(item.Id, item.Price.Cents, eligible, name, description.Length == 0 ? null : description,
            item.Price.Format(CultureInfo.CurrentCulture), text[eligible ? "VoucherEligible" : "NotVoucherEligible"],
            string.Format(CultureInfo.CurrentCulture, text["QuantityOf"], name),
            string.Format(CultureInfo.CurrentCulture, text["AddOne"], name),
            string.Format(CultureInfo.CurrentCulture, text["RemoveOne"], name)));
    }

    public MenuItemView Item { get; }

    /// <summary>The row with the basket's quantity of this dish; the buttons answer only once the basket is loaded.</summary>
    public MarkupString Markup(CartState cart)
    {
        var quantity = cart.Basket.QuantityOf(Item.Id);
        return MenuRowMarkup.For(look, quantity, CanAdd(cart, quantity), cart.IsLoaded);
    }

    /// <summary>What a click on this row's <paramref name="action"/> button does; the same checks as the disabled buttons.</summary>
    public Task ClickAsync(CartState cart, string? action)
    {
        var quantity = cart.Basket.QuantityOf(Item.Id);
        return action switch
        {
            MenuRowMarkup.AddAction when CanAdd(cart, quantity) =>
                cart.AddAsync(new MenuItemChoice(Item.Id, Item.NameFr, Item.NameEn, Item.Kind, Item.Price, Item.VatRate)),
            MenuRowMarkup.RemoveAction when cart.IsLoaded && quantity > 0 => cart.RemoveOneAsync(Item.Id),
            _ => Task.CompletedTask,
        };
    }

    private static bool CanAdd(CartState cart, int quantity) => cart.IsLoaded && quantity < BasketLine.MaxQuantity;
}
