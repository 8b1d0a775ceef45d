using System.Globalization;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Staff.Settlement;

namespace MealCheckout.Web.Staff;

/// <summary>GET /staff/settlement/export.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: the settlement as a CSV file, managers only.</summary>
public static class SettlementExport
{
    public const string Path = "/staff/settlement/export.csv";
    private const int MaxDays = 366;

    public static string Url(DateOnly from, DateOnly to) =>
        $"{Path}?from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>The file is for the restaurant's French accounting, whatever language the manager reads the site in.</summary>
    public static string FrenchIssuerName(SettlementIssuer issuer) => SettlementRow.NameOf(issuer, "Carte bancaire");

    public static IEndpointRouteBuilder MapSettlementExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (string? from, string? to, SettlementReport report, CancellationToken cancellationToken) =>
        {
            if (!TryDay(from, out var first) || !TryDay(to, out var last) || last < first || last.DayNumber - first.DayNumber >= MaxDays)
            {
                return Results.Text(RangeRule, statusCode: StatusCodes.Status400BadRequest);
            }
            var rows = await report.ForDaysAsync(first, last, cancellationToken);
            var name = $"reversements-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}.csv";
            return Results.File(SettlementCsv.Write(rows, FrenchIssuerName), SettlementCsv.ContentType, name);
        }).RequireAuthorization(StaffPolicies.ManageOrders);
        return endpoints;
    }

    private static readonly string RangeRule = string.Create(CultureInfo.InvariantCulture,
        $"Give from and to as yyyy-MM-dd between {ParisCalendar.FirstSupportedDay:yyyy-MM-dd} and {ParisCalendar.LastSupportedDay:yyyy-MM-dd}, from on or before to, at most {MaxDays} days.");

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && ParisCalendar.IsSupported(day);
}
