using MealCheckout.Core.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MealCheckout.Core;

/// <summary>The voucher rules the checkout applies: those in force on the order's Paris day.</summary>
public sealed class VoucherRuleBook(IOptions<VoucherRuleOptions> options, TimeProvider time)
{
    // Options are validated at start-up (VoucherRuleValidation), so reading them again cannot fail here.
    private readonly Lazy<VoucherRuleSchedule> schedule = new(() => VoucherRuleSchedule.Read(options.Value).Schedule
        ?? throw new InvalidOperationException("The voucher rules were not validated at start-up."));

    public IReadOnlyList<VoucherRules> Periods => schedule.Value.Periods;

    public VoucherRules InForceOn(DateOnly day) => schedule.Value.InForceOn(day);

    public VoucherRules InForceToday() => InForceOn(ParisCalendar.DayOf(time.GetUtcNow()));
}

/// <summary>Refuses to start on voucher rules that are out of range, undated, unordered or overlapping.</summary>
public sealed class VoucherRuleValidation : IValidateOptions<VoucherRuleOptions>
{
    public ValidateOptionsResult Validate(string? name, VoucherRuleOptions options)
    {
        var errors = VoucherRuleSchedule.Read(options).Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public static class VoucherRuleServiceCollectionExtensions
{
    public static IServiceCollection AddVoucherRules(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<VoucherRuleOptions>().Bind(configuration.GetSection(VoucherRuleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VoucherRuleOptions>, VoucherRuleValidation>();
        services.AddSingleton<VoucherRuleBook>();
        return services;
    }
}
