using System.Text.RegularExpressions;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;

namespace MealCheckout.Core.Receipts;

/// <summary>
/// A paid order as a French receipt shows it: who sold (name, address, SIRET), when (Paris time),
/// what (lines, voucher-eligible ones marked), the VAT per rate, and how it was paid.
/// </summary>
public sealed record Receipt(
    ReceiptMerchant Merchant,
    string OrderNumber,
    DateTimeOffset ParisTime,
    OrderStatus Status,
    Fulfilment Fulfilment,
    IReadOnlyList<ReceiptLine> Lines,
    IReadOnlyList<VatLine> Vat,
    IReadOnlyList<ReceiptTender> Tenders)
{
    public Money Total => Sum(Lines.Select(l => l.Total));

    /// <summary>Food and soft drinks: what meal vouchers were allowed to pay.</summary>
    public Money EligibleSubtotal => Sum(Lines.Where(l => l.VoucherEligible).Select(l => l.Total));

    public Money TotalNet => Sum(Vat.Select(v => v.Net));

    public Money TotalTax => Sum(Vat.Select(v => v.Tax));

    /// <summary>Builds the receipt of <paramref name="order"/>; the time is when the last leg was captured.</summary>
    public static Receipt Of(Order order, Restaurant restaurant)
    {
        var lines = order.Lines.OrderBy(l => l.Position)
            .Select(l => new ReceiptLine(l.Name, l.Quantity, l.UnitPrice, l.LineTotal, l.VoucherEligible, l.VatRate))
            .ToList();
        var tenders = order.Legs.Where(l => l.State is LegState.Captured or LegState.Refunded)
            .OrderBy(l => l.Kind).ThenBy(l => l.CreatedAt)
            .Select(ReceiptTender.Of)
            .ToList();
        var paidAt = order.Legs.SelectMany(l => l.Transitions).Where(t => t.To == LegState.Captured)
            .Select(t => t.At).DefaultIfEmpty(order.CreatedAt).Max();
        return new Receipt(ReceiptMerchant.Of(restaurant), order.Number, ParisCalendar.ToParis(paidAt), order.Status, order.Fulfilment,
            lines, VatBreakdown.Of(lines.Select(l => (l.VatRate, l.Total))), tenders);
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, m) => sum + m);
}

/// <summary>The seller as French rules want it on a receipt.</summary>
public sealed record ReceiptMerchant(string Name, string StreetAddress, string PostalCode, string City, string Siret)
{
    public static ReceiptMerchant Of(Restaurant restaurant) =>
        new(restaurant.Name, restaurant.StreetAddress, restaurant.PostalCode, restaurant.City, restaurant.Siret);

    /// <summary>"842 157 307 00013": SIREN in groups of three, then the establishment's NIC, as INSEE prints it.</summary>
    public string SiretGrouped => Siret.Length == 14 && Siret.All(char.IsAsciiDigit)
        ? $"{Siret[..3]}\u00a0{Siret[3..6]}\u00a0{Siret[6..9]}\u00a0{Siret[9..]}"
        : Siret;
}

/// <summary>One line as sold.</summary>
public sealed record ReceiptLine(string Name, int Quantity, Money UnitPrice, Money Total, bool VoucherEligible, VatRate VatRate);

/// <summary>One payment that went through: the voucher brand or the card, its last four digits where it has any.</summary>
public sealed partial record ReceiptTender(LegKind Kind, VoucherIssuer? Issuer, string? CardBrand, string? LastFour, Money Amount, Money Refunded)
{
    public static ReceiptTender Of(PaymentLeg leg) => new(leg.Kind, leg.Issuer, leg.CardBrand,
        leg.Kind == LegKind.Card ? leg.CardLast4 : VoucherLastFour(leg.VoucherAccount), leg.CapturedAmount, leg.RefundedAmount);

    // A CONECS card is kept as "•••• 1234 #<keyed hash>"; an Edenred account is a username, with no digits to show.
    private static string? VoucherLastFour(string? account) =>
        account is not null && MaskedCard().Match(account) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^•••• (\d{4})\b")]
    private static partial Regex MaskedCard();
}
