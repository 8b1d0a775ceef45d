using System.Text.Json;
using Bunit;
using MealCheckout.Tests.Sandbox;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Pages.Checkout;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The provider's secured fields as bunit sees them (there is no browser to frame them): typing a card
/// reports its state to the component as the frames do, and the component's <c>collect</c> gets the card
/// encrypted exactly as the frames encrypt it, with the real sandbox's public key, so the real sandbox
/// reads it behind the real checkout.
/// </summary>
public sealed class SecuredFieldsDouble
{
    private readonly Dictionary<string, BunitJSInterop> frames = [];
    private readonly SecuredFieldsEncryption encryption;
    private readonly TimeProvider clock;
    private int version;

    public SecuredFieldsDouble(BunitContext ctx, SecuredFieldsEncryption encryption, TimeProvider clock)
    {
        (this.encryption, this.clock) = (encryption, clock);
        var module = ctx.JSInterop.SetupModule("./js/secured-card-fields.js");
        foreach (var card in new[] { "voucher", "bank" })
        {
            var mounted = module.SetupModule(invocation => invocation.Identifier == "mount" && JsonSerializer.Serialize(invocation.Arguments[1]).Contains($"\"{card}-number\"", StringComparison.Ordinal), false);
            mounted.Mode = JSRuntimeMode.Loose;
            frames[card] = mounted;
        }
    }

    /// <summary>Types a card into the fields of "voucher-card" or "bank-card".</summary>
    public void Type(IRenderedComponent<PaymentPanel> panel, string which, string number, string expiry = "12/30", string cvc = "737")
    {
        var card = CardOf(which);
        var month = expiry[..2];
        var year = "20" + expiry[3..];
        var now = clock.GetUtcNow();
        version++;
        var fields = new[] { CardForm.Number, CardForm.Expiry, CardForm.Cvc }.ToDictionary(f => f, _ => new SecuredFieldState(version, true, null, true, false));
        var brand = card == "bank" && number.StartsWith('4') ? "visa" : null;
        frames[card].Setup<SecuredFieldsCollected>("collect").SetResult(new SecuredFieldsCollected(fields, brand, number[^4..], true, new EncryptedCardFields(
            encryption.Encrypt("number", number, now), encryption.Encrypt("expiryMonth", month, now), encryption.Encrypt("expiryYear", year, now), encryption.Encrypt("cvc", cvc, now))));
        var component = panel.FindComponents<CardFields>().Single(c => c.Instance.Id == card);
        panel.InvokeAsync(() => component.Instance.OnFieldsChanged(new SecuredFieldsState(fields, brand, number[^4..], true))).GetAwaiter().GetResult();
    }

    /// <summary>The fields the page asked the frames to empty, "" for all of them.</summary>
    public IReadOnlyList<string> Cleared(string which) =>
        frames[CardOf(which)].Invocations["clear"].Select(i => i.Arguments.FirstOrDefault() as string ?? "").ToList();

    private static string CardOf(string which) => which == "voucher-card" ? "voucher" : "bank";
}
