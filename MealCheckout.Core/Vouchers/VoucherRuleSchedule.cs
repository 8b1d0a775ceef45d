using System.Globalization;
using MealCheckout.Core.Calendar;

namespace MealCheckout.Core;

/// <summary>
/// The voucher rules over time: the rules in force from the start, then one period per dated change,
/// in date order. <see cref="Read"/> refuses changes that are undated, unordered or share a date,
/// with a sentence naming the configuration key, so the app does not start on rules nobody can read.
/// </summary>
public sealed class VoucherRuleSchedule
{
    private const long MaxCents = 100_000;

    private VoucherRuleSchedule(IReadOnlyList<VoucherRules> periods) => Periods = periods;

    /// <summary>Every period, oldest first; the first starts on <see cref="ParisCalendar.FirstSupportedDay"/>.</summary>
    public IReadOnlyList<VoucherRules> Periods { get; }

    /// <summary>The rules in force on a Paris day.</summary>
    public VoucherRules InForceOn(DateOnly day) => Periods.LastOrDefault(p => p.From <= day) ?? Periods[0];

    public static (VoucherRuleSchedule? Schedule, IReadOnlyList<string> Errors) Read(VoucherRuleOptions options)
    {
        var errors = new List<string>();
        var key = VoucherRuleOptions.SectionName;
        var first = new VoucherRules(ParisCalendar.FirstSupportedDay,
            Cents(options.ConecsDailyCapCents, key, "ConecsDailyCapCents", errors) ?? Money.Zero,
            Cents(options.EdenredDailyCapCents, key, "EdenredDailyCapCents", errors) ?? Money.Zero,
            Cents(options.ConecsMinimumPaymentCents ?? options.MinimumVoucherPaymentCents, key, "ConecsMinimumPaymentCents", errors) ?? Money.Zero,
            Cents(options.EdenredMinimumPaymentCents ?? options.MinimumVoucherPaymentCents, key, "EdenredMinimumPaymentCents", errors) ?? Money.Zero,
            options.SundaysAndHolidays,
            Kinds(options.EligibleItemKinds, key, errors) ?? VoucherEligibility.DefaultKinds);
        var periods = new List<VoucherRules> { first };
        Check(first, key, errors);

        for (var i = 0; i < options.Changes.Count; i++)
        {
            var change = options.Changes[i];
            key = $"{VoucherRuleOptions.SectionName}:Changes:{i}";
            if (!DateOnly.TryParseExact(change.From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) || !ParisCalendar.IsSupported(from))
            {
                errors.Add($"{key}:From must be a date written yyyy-MM-dd between {ParisCalendar.FirstSupportedDay:yyyy-MM-dd} and {ParisCalendar.LastSupportedDay:yyyy-MM-dd}; it is '{change.From}'.");
                continue;
            }
            var previous = periods[^1];
            if (periods.Count > 1 && from <= previous.From)
            {
                errors.Add(from == previous.From
                    ? $"{key}:From {from:yyyy-MM-dd} is also the date of the change before it: two changes cannot take effect on the same day; merge them into one."
                    : $"{key}:From {from:yyyy-MM-dd} comes before {previous.From:yyyy-MM-dd}, the date of the change before it: list the changes in date order.");
                continue;
            }
            var minimum = change.MinimumVoucherPaymentCents;
            var next = new VoucherRules(from,
                Cents(change.ConecsDailyCapCents, key, "ConecsDailyCapCents", errors) ?? previous.ConecsDailyCap,
                Cents(change.EdenredDailyCapCents, key, "EdenredDailyCapCents", errors) ?? previous.EdenredDailyCap,
                Cents(change.ConecsMinimumPaymentCents ?? minimum, key, "ConecsMinimumPaymentCents", errors) ?? previous.ConecsMinimum,
                Cents(change.EdenredMinimumPaymentCents ?? minimum, key, "EdenredMinimumPaymentCents", errors) ?? previous.EdenredMinimum,
                change.SundaysAndHolidays ?? previous.SundaysAndHolidays,
                Kinds(change.EligibleItemKinds, key, errors) ?? previous.EligibleKinds);
            Check(next, key, errors);
            periods.Add(next);
        }
        return errors.Count == 0 ? (new VoucherRuleSchedule(periods), errors) : (null, errors);
    }

    private static void Check(VoucherRules rules, string key, List<string> errors)
    {
        if (rules.ConecsMinimum > rules.ConecsDailyCap || rules.EdenredMinimum > rules.EdenredDailyCap)
        {
            errors.Add($"{key}: a minimum voucher payment above the daily cap would refuse every voucher on that route.");
        }
    }

    /// <summary>The eligible item kinds from the configuration; null when absent, or when a name is no item kind (then an error says so).</summary>
    private static IReadOnlySet<ItemKind>? Kinds(List<string>? names, string key, List<string> errors)
    {
        if (names is null)
        {
            return null;
        }
        var kinds = new HashSet<ItemKind>();
        for (var i = 0; i < names.Count; i++)
        {
            // Names only: Enum.TryParse alone would also take a number.
            if (!Enum.GetNames<ItemKind>().Contains(names[i], StringComparer.OrdinalIgnoreCase) || !Enum.TryParse<ItemKind>(names[i], ignoreCase: true, out var kind))
            {
                errors.Add($"{key}:EligibleItemKinds:{i} '{names[i]}' is not an item kind; write one of {string.Join(", ", Enum.GetNames<ItemKind>())}.");
                continue;
            }
            kinds.Add(kind);
        }
        return kinds;
    }

    /// <summary>An amount in cents from the configuration; null when absent, or out of range (then an error says so).</summary>
    private static Money? Cents(long? cents, string key, string name, List<string> errors)
    {
        if (cents is not { } value)
        {
            return null;
        }
        if (value is < 1 or > MaxCents)
        {
            errors.Add($"{key}:{name} must be between 1 and {MaxCents} cents; it is {value}.");
            return null;
        }
        return Money.FromCents(value);
    }
}
