using MealCheckout.Core.Staff.Detail;

namespace MealCheckout.Tests.Unit.Staff;

public sealed class LegLabelTests
{
    [Theory]
    [InlineData("•••• 0010 #3f9a0c", "•••• 0010")]
    [InlineData("marie.dupont@example.fr", "m•••@example.fr")]
    [InlineData("x@example.fr", "x•••@example.fr")]
    [InlineData("no-at-sign", "no-at-sign")]
    [InlineData(null, "")]
    public void Staff_see_a_voucher_account_without_its_fingerprint_or_the_whole_email(string? stored, string shown)
    {
        Assert.Equal(shown, LegLabel.VoucherAccountShown(stored));
    }
}
