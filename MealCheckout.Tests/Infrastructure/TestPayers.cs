using MealCheckout.Core.Checkout;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>Payer identities for tests whose subject is not the payment limits: each call is its own client and page.</summary>
public static class TestPayers
{
    public static PayerIdentity Fresh() => new("test-client-" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
}
