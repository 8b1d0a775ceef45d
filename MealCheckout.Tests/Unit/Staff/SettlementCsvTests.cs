using System.Text;
using MealCheckout.Core;
using MealCheckout.Core.Staff.Settlement;

namespace MealCheckout.Tests.Unit.Staff;

public sealed class SettlementCsvTests
{
    private static readonly SettlementRow[] Rows =
    [
        new(new DateOnly(2026, 11, 24), SettlementIssuer.Bimpli, 3, Money.FromCents(1250), 0, Money.Zero, Money.FromCents(300), Money.FromCents(50)),
        new(new DateOnly(2026, 11, 25), SettlementIssuer.BankCard, 0, Money.Zero, 1, Money.FromCents(123456)),
    ];

    [Fact]
    public void The_file_starts_with_a_UTF8_byte_order_mark_and_ends_lines_with_CRLF()
    {
        var bytes = SettlementCsv.Write(Rows, i => i.ToString());

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Parsed_back_it_gives_the_header_and_each_day_with_decimal_comma_amounts()
    {
        var rows = Parse(SettlementCsv.Write(Rows, i => i == SettlementIssuer.BankCard ? "Carte bancaire" : i.ToString()));

        Assert.Equal(["Jour", "Émetteur", "Commandes encaissées", "Encaissé (EUR)", "Commandes remboursées", "Remboursé (EUR)", "Compensations hors plateforme (EUR)", "Commission (EUR)", "Net attendu (EUR)"], rows[0]);
        Assert.Equal(["24/11/2026", "Bimpli", "3", "12,50", "0", "0,00", "3,00", "0,50", "12,00"], rows[1]);
        Assert.Equal(["25/11/2026", "Carte bancaire", "0", "0,00", "1", "1234,56", "0,00", "0,00", "-1234,56"], rows[2]);
    }

    [Fact]
    public void A_field_holding_a_separator_a_quote_or_a_line_break_is_quoted()
    {
        var bytes = SettlementCsv.Write(Rows[..1], _ => "Up; \"Déjeuner\"\r\nSAS");

        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains(";\"Up; \"\"Déjeuner\"\"\r\nSAS\";", text, StringComparison.Ordinal);
        Assert.Equal("Up; \"Déjeuner\"\r\nSAS", Parse(bytes)[1][1]);
    }

    [Theory]
    [InlineData(0, "0,00")]
    [InlineData(5, "0,05")]
    [InlineData(1250, "12,50")]
    [InlineData(123456789, "1234567,89")]
    [InlineData(-5, "-0,05")]
    public void Amounts_are_euros_with_a_decimal_comma_and_no_thousands_separator(long cents, string expected)
    {
        Assert.Equal(expected, SettlementCsv.Euros(cents));
    }

    /// <summary>An RFC 4180 reader with ';' as separator, as Excel reads the file.</summary>
    internal static List<string[]> Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }
        Assert.False(quoted, "A quoted field was never closed.");
        Assert.Equal(0, field.Length + fields.Count);
        return rows;
    }
}
