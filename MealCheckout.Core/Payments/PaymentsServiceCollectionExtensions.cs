using System.Text;
using MealCheckout.Core.CardRouting;
using MealCheckout.Core.Checkout;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Core.Payments.Edenred;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>Provider clients and the checkout orchestration. Register an <see cref="IProviderAddressResolver"/> first to allow relative provider addresses.</summary>
    public static IServiceCollection AddMealCheckoutPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdyenOptions>().Bind(configuration.GetSection(AdyenOptions.SectionName));
        services.TryAddSingleton<IProviderAddressResolver, AbsoluteAddressResolver>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProviderApi<IAdyenCheckoutApi, AdyenOptions>(AdyenProtocol.Instance, AdyenJsonContext.Default, typeof(AdyenCheckoutClient).FullName!,
            adyen => new ProviderEndpoint(adyen.BaseAddress, adyen.TimeoutSeconds, [new("X-API-Key", adyen.ApiKey)]));
        services.AddTransient<AdyenCheckoutClient>();
        services.AddOptions<EdenredOptions>().Bind(configuration.GetSection(EdenredOptions.SectionName));
        services.AddProviderApi<IEdenredDirectPaymentApi, EdenredOptions>(EdenredProtocol.Instance, EdenredJsonContext.Default, typeof(EdenredClient).FullName!,
            edenred => new ProviderEndpoint(edenred.ApiBaseAddress, edenred.TimeoutSeconds,
                [new("X-Client-Id", edenred.PaymentClientId), new("X-Client-Secret", edenred.PaymentClientSecret)]));
        services.AddTransient<EdenredClient>();
        services.AddHttpClient(nameof(EdenredSso));
        // One instance: it caches the discovery document and the signing keys.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EdenredSso>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EdenredSso))));
        services.AddSingleton(new VoucherCardFingerprint(Encoding.UTF8.GetBytes(
            configuration["Payments:CardFingerprintKey"] ?? throw new InvalidOperationException("Payments:CardFingerprintKey is not configured."))));
        services.AddOptions<PaymentLimitOptions>().Bind(configuration.GetSection(PaymentLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PaymentAttemptLimiter>();
        services.AddOptions<ReconcilerOptions>().Bind(configuration.GetSection(ReconcilerOptions.SectionName));
        services.AddDataProtection();
        services.AddSingleton<EdenredSignIns>();
        services.AddTransient<EdenredDinerAccess>();
        services.AddTransient<LegCalls>();
        services.AddTransient<CheckoutOrders>();
        services.AddTransient<AdyenLegActions>();
        services.AddTransient<EdenredLegActions>();
        services.AddTransient<LegSettlement>();
        services.AddTransient<EdenredCheckout>();
        services.AddTransient<AdyenWebhookProcessor>();
        services.AddSingleton<CheckoutLeases>();
        services.AddSingleton<CheckoutReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckoutReconciler>());
        services.AddTransient<ConecsCheckout>();
        services.AddTransient<CheckoutCompletion>();
        services.AddOptions<VoucherCardRangeOptions>().Bind(configuration.GetSection(VoucherCardRangeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VoucherCardRangeOptions>, VoucherCardRangeValidation>();
        services.AddSingleton<VoucherCardRanges>();
        services.AddSingleton<VoucherCardRouter>();
        services.AddTransient<DinerCheckout>();
        return services;
    }
}
