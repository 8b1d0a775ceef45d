using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MealCheckout.Core.Persistence;

/// <summary>Money is stored as INTEGER cents: exact, and summable by SQLite.</summary>
internal sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Cents, c => new Money(c));

/// <summary>A VAT rate is stored as INTEGER basis points (1000 = 10 %).</summary>
internal sealed class VatRateConverter() : ValueConverter<VatRate, int>(r => r.BasisPoints, bp => new VatRate(bp));

/// <summary>
/// Instants are stored as UTC Unix milliseconds: SQLite cannot order or compare DateTimeOffset
/// text, and staff history filters by date range on millions of rows.
/// </summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    d => d.ToUnixTimeMilliseconds(),
    ms => DateTimeOffset.FromUnixTimeMilliseconds(ms));
