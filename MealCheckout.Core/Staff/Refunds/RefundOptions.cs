using System.ComponentModel.DataAnnotations;

namespace MealCheckout.Core.Staff.Refunds;

/// <summary>Section "Refunds": how many refund actions (refund, cancel, compensation) one manager may start per minute.</summary>
public sealed class RefundOptions
{
    public const string SectionName = "Refunds";

    [Range(1, 1000)]
    public int PerManagerPerMinute { get; set; } = 10;
}
