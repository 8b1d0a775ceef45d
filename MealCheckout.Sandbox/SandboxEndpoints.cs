using MealCheckout.Sandbox.Adyen;
using MealCheckout.Sandbox.Adyen.SecuredFields;
using MealCheckout.Sandbox.Edenred;
using MealCheckout.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MealCheckout.Sandbox;

public static class SandboxEndpoints
{
    public const string ControlPrefix = "/sandbox/control";

    /// <summary>Registers the emulators' state; it lives as long as the app.</summary>
    public static IServiceCollection AddMealCheckoutSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(nameof(AdyenWebhooks));
        services.AddSingleton<SsoState>();
        services.AddSingleton<SigningKey>();
        services.AddSingleton<IdTokenFaults>();
        services.AddSingleton<EdenredLedger>();
        services.AddSingleton<AdyenLedger>();
        services.AddSingleton<SandboxFaults>();
        services.AddSingleton<DirectPaymentEndpoints>();
        services.AddSingleton<AdyenCheckoutEndpoints>();
        services.AddSingleton<SecuredFieldsKey>();
        services.AddSingleton<EncryptedCardFields>();
        services.AddSingleton<AdyenWebhooks>();
        services.AddHostedService(sp => sp.GetRequiredService<AdyenWebhooks>());
        return services;
    }

    /// <summary>Maps the Edenred SSO, the Edenred Direct Payment API, the Adyen-style API with its secured card fields, and the test control API.</summary>
    public static IEndpointRouteBuilder MapMealCheckoutSandbox(this IEndpointRouteBuilder endpoints)
    {
        EdenredSsoEndpoints.Map(endpoints);
        DirectPaymentEndpoints.Map(endpoints);
        AdyenCheckoutEndpoints.Map(endpoints);
        SecuredFieldsEndpoints.Map(endpoints);

        var control = endpoints.MapGroup(ControlPrefix).DisableAntiforgery().ExcludeFromDescription();
        control.MapGet("/state", (EdenredLedger edenred, AdyenLedger adyen, SandboxFaults faults) => Results.Json(new
        {
            edenred = edenred.Transactions,
            adyen = new { payments = adyen.Payments.Select(p => new { p.PspReference, p.MerchantReference, cardLast4 = p.CardNumber[^4..], p.PaymentMethod, p.Status, p.ResultCode, p.AuthorisedAmount, p.HeldAmount, p.CapturedAmount, p.RefundedAmount, p.OrderPspReference }), orders = adyen.Orders },
            faults = faults.Pending,
            randomFaults = faults.RandomSettings,
        }));
        control.MapPost("/faults", (SandboxFault fault, SandboxFaults faults) =>
        {
            faults.Arm(fault);
            return Results.NoContent();
        });
        control.MapPost("/chaos", (RandomFaults settings, SandboxFaults faults) =>
        {
            if (settings.Rate is < 0 or > 1)
            {
                return Results.BadRequest("rate must be between 0 and 1");
            }
            faults.Randomise(settings.Rate == 0 ? null : settings);
            return Results.NoContent();
        });
        control.MapDelete("/faults", (SandboxFaults faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        return endpoints;
    }
}
