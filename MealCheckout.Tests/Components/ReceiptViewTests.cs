using Bunit;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Receipts;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Components.Pages.Receipt;

namespace MealCheckout.Tests.Components;

/// <summary>What the diner and the accountant read on the receipt of steak (voucher), wine and a tip (card).</summary>
public sealed class ReceiptViewTests
{
    private static readonly Receipt SteakWineAndTip = Receipt.Of(PaidOrders.SteakWineAndTip(), DemoRestaurant.Restaurant);

    [Fact]
    public async Task A_French_receipt_names_the_seller_the_order_and_the_Paris_time_with_French_typography()
    {
        await using var ctx = new DinerContext("fr-FR");

        var receipt = ctx.Render<ReceiptView>(p => p.Add(c => c.Receipt, SteakWineAndTip));

        Assert.Equal("Merci, c’est payé\u00a0!", receipt.Find("h1").TextContent);
        Assert.Contains("Le Petit Comptoir", receipt.Find("[data-testid=receipt-merchant]").TextContent, StringComparison.Ordinal);
        Assert.Contains("69002 Lyon", receipt.Find("address").TextContent, StringComparison.Ordinal);
        Assert.Equal("SIRET\u00a0842\u00a0157\u00a0307\u00a000013", receipt.Find("[data-testid=receipt-siret]").TextContent);
        Assert.Equal("MC-261201-7KQ4XZ", receipt.Find("[data-testid=order-number]").TextContent);
        Assert.Equal("Payée le 01/12/2026 à 12:59 (heure de Paris)", receipt.Find("[data-testid=receipt-time]").TextContent);
    }

    [Fact]
    public async Task Eligible_lines_are_marked_and_their_subtotal_given_with_VAT_per_rate()
    {
        await using var ctx = new DinerContext("fr-FR");

        var receipt = ctx.Render<ReceiptView>(p => p.Add(c => c.Receipt, SteakWineAndTip));

        Assert.Equal(["true", "false", "false"], receipt.FindAll("[data-testid=receipt-line]").Select(l => l.GetAttribute("data-eligible")));
        Assert.Contains("Titre-restaurant", receipt.FindAll("[data-testid=receipt-line]")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("TVA\u00a020\u00a0%", receipt.FindAll("[data-testid=receipt-line]")[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("26,00\u00a0€", receipt.Find("[data-testid=receipt-total]").TextContent);
        Assert.Equal("18,50\u00a0€", receipt.Find("[data-testid=receipt-eligible-subtotal]").TextContent);
        Assert.Equal(["Hors TVA", "10\u00a0%", "20\u00a0%"], receipt.FindAll("[data-testid=vat-row] th").Select(th => th.TextContent));
        Assert.Equal(["0,00\u00a0€", "1,68\u00a0€", "0,92\u00a0€"], receipt.FindAll("[data-testid=vat-tax]").Select(td => td.TextContent));
        Assert.Equal("2,60\u00a0€", receipt.Find("[data-testid=vat-total-tax]").TextContent);
    }

    [Fact]
    public async Task Every_tender_shows_its_brand_and_last_four_in_English()
    {
        await using var ctx = new DinerContext("en");

        var receipt = ctx.Render<ReceiptView>(p => p.Add(c => c.Receipt, SteakWineAndTip));

        Assert.Equal("Thank you, it's paid!", receipt.Find("h1").TextContent);
        Assert.Equal(["Meal voucher Bimpli ••••\u00a00010 €18.50", "Bank card ••••\u00a01111 €7.50"],
            receipt.FindAll("[data-testid=receipt-leg]").Select(l => Normalised(l.TextContent)));
        Assert.Equal("Paid on 1 December 2026 at 12:59 (Paris time)", receipt.Find("[data-testid=receipt-time]").TextContent);
        Assert.Equal(["No VAT", "10%", "20%"], receipt.FindAll("[data-testid=vat-row] th").Select(th => th.TextContent));
    }

    private static string Normalised(string text) => string.Join(' ', text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
}
