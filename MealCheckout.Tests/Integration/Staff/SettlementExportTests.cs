using System.Net;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Staff.Refunds;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Tests.Unit.Staff;
using MealCheckout.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Staff;

/// <summary>The settlement CSV over HTTP: managers get the file, anyone else gets nothing.</summary>
[Collection(StaffOperationsCollection.Name)]
public sealed class SettlementExportTests : IDisposable
{
    private readonly MealCheckoutAppFactory app = new(weekdayClock: true);

    [Fact]
    public async Task A_manager_downloads_the_days_captures_and_refunds_as_a_file_French_Excel_opens()
    {
        var order = await CheckoutOrders.SplitAsync(app);
        await app.Services.GetRequiredService<LegRefunds>().RefundAsync(order.Id, order.Legs.Single(l => l.Kind == LegKind.Card).Id, StaffSession.Manager);
        var today = ParisCalendar.DayOf(app.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        using var manager = await StaffSession.SignedInAsync(app, StaffSession.Manager, StaffSession.ManagerPassword);

        var response = await manager.Client.GetAsync(SettlementExport.Url(today, today));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = SettlementCsvTests.Parse(await response.Content.ReadAsByteArrayAsync());
        var day = today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                [day, "Bimpli", "1", "18,50", "0", "0,00", "0,00", "0,00", "18,50"],
                [day, "Carte bancaire", "1", "5,50", "1", "5,50", "0,00", "0,00", "0,00"],
            ], rows.Skip(1));
    }

    [Fact]
    public async Task Staff_without_the_manager_role_anonymous_visitors_and_bad_dates_get_no_file()
    {
        var today = ParisCalendar.DayOf(DateTimeOffset.UtcNow);
        var url = SettlementExport.Url(today, today);
        using var staff = await StaffSession.SignedInAsync(app, StaffSession.ReadOnly, StaffSession.ReadOnlyPassword);
        using var anonymous = StaffSession.Anonymous(app);
        using var manager = await StaffSession.SignedInAsync(app, StaffSession.Manager, StaffSession.ManagerPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(url)).StatusCode);
        var asAnonymous = await anonymous.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.StartsWith("/staff/login", StaffSession.RedirectTarget(asAnonymous), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.Client.GetAsync($"{SettlementExport.Path}?from=2026-11-30&to=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.Client.GetAsync($"{SettlementExport.Path}?from=30/11/2026&to=2026-11-30")).StatusCode);
    }

    public void Dispose() => app.Dispose();
}
