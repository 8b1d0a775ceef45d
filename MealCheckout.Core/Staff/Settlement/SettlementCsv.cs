using System.Globalization;
using System.Text;

namespace MealCheckout.Core.Staff.Settlement;

/// <summary>
/// The settlement as a CSV file French Excel opens as is: UTF-8 with a byte-order mark, ';' between
/// fields, amounts in euros with a decimal comma and no thousands separator, dates as dd/MM/yyyy,
/// CRLF line ends, a header row, and fields quoted when they hold a separator, a quote or a line break.
/// </summary>
public static class SettlementCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    public const char Separator = ';';

    private static readonly string[] Header = ["Jour", "Émetteur", "Commandes encaissées", "Encaissé (EUR)", "Commandes remboursées", "Remboursé (EUR)", "Compensations hors plateforme (EUR)", "Commission (EUR)", "Net attendu (EUR)"];
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(IEnumerable<SettlementRow> rows, Func<SettlementIssuer, string> issuerName)
    {
        var text = new StringBuilder();
        AppendLine(text, Header);
        foreach (var row in rows)
        {
            AppendLine(text,
            [
                row.Day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                issuerName(row.Issuer),
                row.CapturedOrders.ToString(CultureInfo.InvariantCulture),
                Euros(row.Captured.Cents),
                row.RefundedOrders.ToString(CultureInfo.InvariantCulture),
                Euros(row.Refunded.Cents),
                Euros(row.Compensations.Cents),
                Euros(row.Commission.Cents),
                Euros(row.NetCents),
            ]);
        }
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }

    /// <summary>Cents as euros with a decimal comma: 1250 → "12,50", -5 → "-0,05".</summary>
    public static string Euros(long cents)
    {
        var magnitude = Math.Abs(cents);
        var sign = cents < 0 ? "-" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100},{magnitude % 100:00}");
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                text.Append(Separator);
            }
            text.Append(Quoted(fields[i]));
        }
        text.Append("\r\n");
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny([Separator, '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
