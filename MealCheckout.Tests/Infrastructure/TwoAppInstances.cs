namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// Two app instances on one database. The second pays through the Adyen-style issuer the first one's
/// embedded sandbox hosts, as two instances reach one real provider.
/// </summary>
public sealed class TwoAppInstances : IDisposable
{
    public TwoAppInstances(Func<Dictionary<string, string?>> settings)
    {
        First = new MealCheckoutAppFactory(settings(), weekdayClock: true);
        var secondSettings = settings();
        secondSettings["Payments:Adyen:BaseAddress"] = new Uri(First.RootUri, "sandbox/adyen/checkout/v71/").ToString();
        Second = new MealCheckoutAppFactory(secondSettings, weekdayClock: true);
    }

    public MealCheckoutAppFactory First { get; }

    public MealCheckoutAppFactory Second { get; }

    public void Dispose()
    {
        Second.Dispose();
        First.Dispose();
    }
}
