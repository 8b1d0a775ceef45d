namespace MealCheckout.Web.Edenred;

/// <summary>
/// The Edenred browser binding of the browser this circuit serves. A circuit outlives the HTTP
/// request that started it and cannot read cookies itself: the app's host page reads the binding
/// cookie during that request and hands its hash to the interactive root component as a parameter
/// (Blazor encrypts root parameters in the page), which keeps it here for the circuit's services.
/// </summary>
public sealed class EdenredBrowser
{
    /// <summary>The hash of the browser's binding secret, or null when it has never started an Edenred login.</summary>
    public string? BindingHash { get; private set; }

    public void Capture(string? bindingHash) => BindingHash = bindingHash;
}
