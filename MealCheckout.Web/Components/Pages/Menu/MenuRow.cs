using MealCheckout.Core;
using MealCheckout.Core.Menu;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Shared;

namespace MealCheckout.Web.Components.Pages.Menu;

/// <summary>
/// One dish as the menu page draws it: its texts in the diner's language and its two actions, made
/// once when the menu loads so a render allocates no closure per row and the buttons keep their handlers.
/// </summary>
internal sealed class MenuRow
{
    /// <param name="rules">The voucher rules in force today, which decide the row's badge.</param>
    public MenuRow(MenuItemView item, CartState cart, VoucherRules rules)
    {
        Item = item;
        VoucherEligible = rules.IsEligible(item.Kind);
        Name = Localized.Pick(item.NameFr, item.NameEn);
        var description = Localized.Pick(item.DescriptionFr ?? "", item.DescriptionEn ?? "");
        Description = description.Length == 0 ? null : description;
        Add = () => cart.AddAsync(new MenuItemChoice(item.Id, item.NameFr, item.NameEn, item.Kind, item.Price, item.VatRate));
        Remove = () => cart.RemoveOneAsync(item.Id);
    }

    public MenuItemView Item { get; }

    public bool VoucherEligible { get; }

    public string Name { get; }

    public string? Description { get; }

    public Func<Task> Add { get; }

    public Func<Task> Remove { get; }
}
