using MealCheckout.Core;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Checkout.Pricing;
using MealCheckout.Core.Orders;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// The diner's basket for this browser tab. Kept in the tab's session storage (encrypted by Data
/// Protection) as item ids and quantities only, so it survives a reload, a language switch and
/// the round trip through the Edenred login; prices always come again from the menu.
/// </summary>
public sealed class CartState(CartStorage storage, MenuPricing pricing, VoucherRuleBook rules)
{
    public Basket Basket { get; private set; } = Basket.Empty;

    public Fulfilment Fulfilment { get; private set; } = Fulfilment.Pickup;

    public Money Tip { get; private set; } = Money.Zero;

    public bool IsLoaded { get; private set; }

    public event Action? Changed;

    /// <summary>Restores the tab's basket; call once the circuit can reach the browser (after first render).</summary>
    public async Task LoadAsync()
    {
        if (IsLoaded)
        {
            return;
        }
        var stored = await storage.ReadAsync();
        if (stored is not null)
        {
            Fulfilment = stored.Fulfilment;
            Tip = CheckoutPricing.CapTip(Money.FromCents(Math.Max(stored.TipCents, 0)));
            Basket = (await pricing.PriceAsync(stored.Items, Fulfilment, Tip)).Under(rules.InForceToday());
        }
        IsLoaded = true;
        Changed?.Invoke();
    }

    public Task AddAsync(MenuItemChoice item) => UpdateAsync(Basket.Add(item.Id, item.NameFr, item.NameEn, item.Kind, item.Price, item.VatRate));

    public Task RemoveOneAsync(Guid itemId) => UpdateAsync(Basket.RemoveOne(itemId));

    public Task ChooseFulfilmentAsync(Fulfilment fulfilment)
    {
        Fulfilment = fulfilment;
        return UpdateAsync(pricing.WithFees(Basket, Fulfilment, Tip));
    }

    public Task ChooseTipAsync(Money tip)
    {
        Tip = CheckoutPricing.CapTip(tip);
        return UpdateAsync(pricing.WithFees(Basket, Fulfilment, Tip));
    }

    public Task ClearAsync()
    {
        Tip = Money.Zero;
        Fulfilment = Fulfilment.Pickup;
        return UpdateAsync(Basket.Empty);
    }

    private async Task UpdateAsync(Basket basket)
    {
        // Eligibility is that of the rules in force today, so a rule change at midnight shows on the next change.
        Basket = basket.Under(rules.InForceToday());
        Changed?.Invoke();
        var items = basket.Lines.Where(l => !CheckoutPricing.IsFee(l.ItemId)).Select(l => new StoredItem(l.ItemId, l.Quantity)).ToList();
        await storage.WriteAsync(new StoredCart(items, Fulfilment, Tip.Cents));
    }

    public sealed record StoredItem(Guid ItemId, int Quantity);

    public sealed record StoredCart(List<StoredItem> Items, Fulfilment Fulfilment, long TipCents);
}

/// <summary>What the menu page hands the cart when the diner adds a dish.</summary>
public sealed record MenuItemChoice(Guid Id, string NameFr, string NameEn, ItemKind Kind, Money Price, VatRate VatRate);
