using MealCheckout.Core;
using MealCheckout.Core.Calendar;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Menu;
using MealCheckout.Core.Orders;
using MealCheckout.Core.Payments;
using MealCheckout.Core.Payments.Edenred;

namespace MealCheckout.Web.Checkout;

/// <summary>One split checkout a chaos driver asks for: an eligible dish and a drink no voucher pays, voucher then bank card.</summary>
/// <param name="Issuer">"Edenred" (the diner's tokens then come from the SSO), or the CONECS issuer of <paramref name="VoucherCard"/>.</param>
public sealed record ChaosCheckout(
    Guid CheckoutId, string Issuer, long DishCents, long DrinkCents, string BankCard,
    string? VoucherCard = null, string? EdenredUsername = null, string? AccessToken = null, string? RefreshToken = null, string? IdToken = null);

/// <summary>
/// Chaos runs only (<c>Chaos:Enabled</c>, which Production refuses): <c>POST /chaos/checkouts</c> pays one
/// checkout through the same checkout services the payment page uses, so a driver in another process
/// (MealCheckout.Benchmarks <c>chaos</c>) can pay hundreds and kill this process mid-payment.
/// </summary>
public static class ChaosDrivingEndpoints
{
    public const string Path = "/chaos/checkouts";

    // The run drives checkouts server-side: its logins belong to no browser.
    private const string ChaosBrowserBinding = "chaos-run";

    public static IEndpointRouteBuilder MapChaosDriving(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (ChaosCheckout request, ConecsCheckout conecs, EdenredCheckout edenred, EdenredSignIns signIns, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var today = ParisCalendar.DayOf(time.GetUtcNow());
            var bankCard = CardDetails.Parse(request.BankCard, "12/30", "737", today).Card;
            NewOrderLine[] lines = [new("Plat du jour", ItemKind.Food, Money.FromCents(request.DishCents), 1), new("Verre de vin", ItemKind.Alcohol, Money.FromCents(request.DrinkCents), 1)];
            var draft = new OrderDraft(request.CheckoutId, DemoRestaurant.Restaurant.Id, "fr-FR", Fulfilment.Pickup, lines);
            var issuer = Enum.Parse<VoucherIssuer>(request.Issuer);
            var payer = new PayerIdentity("chaos-run", request.CheckoutId.ToString());
            CheckoutOutcome outcome;
            if (issuer == VoucherIssuer.Edenred)
            {
                var signInId = await signIns.SaveAsync(request.CheckoutId, ChaosBrowserBinding, request.EdenredUsername!,
                    new EdenredTokens(request.AccessToken!, request.RefreshToken!, request.IdToken!, time.GetUtcNow().AddMinutes(5)), cancellationToken);
                outcome = await edenred.PayAsync(new EdenredPaymentRequest(draft, new EdenredLoginReference(signInId, request.CheckoutId), bankCard, payer), cancellationToken);
            }
            else
            {
                var voucher = new VoucherCard(issuer, CardDetails.Parse(request.VoucherCard!, "12/30", "737", today).Card!);
                outcome = await conecs.PayAsync(new ConecsPaymentRequest(request.CheckoutId, draft.RestaurantId, draft.Culture, draft.Fulfilment, lines, voucher, bankCard, payer), cancellationToken);
            }
            return Results.Json(new { outcome.OrderNumber, Failure = outcome.Failure.ToString() });
        }).DisableAntiforgery();
        return endpoints;
    }
}
