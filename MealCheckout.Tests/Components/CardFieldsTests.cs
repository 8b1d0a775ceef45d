using Bunit;
using MealCheckout.Core.Payments.Adyen;
using MealCheckout.Web.Checkout;
using MealCheckout.Web.Components.Pages.Checkout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace MealCheckout.Tests.Components;

/// <summary>
/// The card form around the provider's frames: what the diner reads under each field as the frames
/// report their state (never their values), in French and English, and when the frames cannot load.
/// </summary>
public sealed class CardFieldsTests
{
    private static readonly string[] AllFields = [CardForm.Number, CardForm.Expiry, CardForm.Cvc];

    [Fact]
    public async Task Pressing_pay_with_three_wrong_fields_shows_every_problem_under_its_own_field_in_French()
    {
        await using var ctx = new DinerContext("fr-FR");
        var frames = MountFrames(ctx);
        frames.Setup("collect", new SecuredFieldsCollected(
            States(("invalid", "expired", "invalid")), Brand: "visa", Last4: null, Valid: false, Encrypted: null));
        var form = Render(ctx, "Carte bancaire");

        var card = await form.InvokeAsync(() => form.Instance.CollectAsync());

        Assert.Null(card);
        Assert.Equal("Ce numéro de carte n’est pas valide\u00a0: vérifiez les chiffres.", Error(form, "number"));
        Assert.Equal("Cette carte est expirée.", Error(form, "expiry"));
        Assert.Equal("Le cryptogramme compte 3 ou 4 chiffres.", Error(form, "cvc"));
        Assert.All(AllFields, f => Assert.Equal("alert", form.Find($"[data-testid=bank-card-{f}-error]").GetAttribute("role")));
        Assert.Equal("Carte bancaire", form.Find("legend").TextContent);
    }

    [Fact]
    public async Task Typing_shows_a_fields_problem_once_the_diner_leaves_it_and_the_scheme_and_last_four_once_valid_in_English()
    {
        await using var ctx = new DinerContext("en");
        MountFrames(ctx);
        var edits = 0;
        var form = Render(ctx, "Bank card", () => edits++);

        // Typing "4111 1111" in the number: not yet left, so nothing is said.
        await Report(form, new SecuredFieldsState(States(("invalid", "required", "required"), version: 1), "visa", null, false));
        Assert.Equal("", Error(form, "number"));
        // The diner tabs out of the unfinished number: a blur is no edit.
        await Report(form, new SecuredFieldsState(States(("invalid", "required", "required"), version: 1, touched: true), "visa", null, false));
        Assert.Equal("This card number is not valid: check the digits.", Error(form, "number"));
        Assert.Equal("", Error(form, "expiry")); // an empty field the diner only crossed is not an error yet
        Assert.Equal(1, edits);

        await Report(form, new SecuredFieldsState(States((null, "invalid", null), version: 2, touched: true), "visa", "1111", false));

        Assert.Equal("", Error(form, "number"));
        Assert.Equal("Enter the expiry date as MM/YY.", Error(form, "expiry"));
        Assert.Equal("Visa ••••\u00a01111", form.Find("[data-testid=bank-card-summary]").TextContent);
        Assert.Equal(2, edits);
    }

    [Fact]
    public async Task Provider_fields_that_cannot_load_are_said_to_be_missing_instead_of_empty_boxes()
    {
        await using var ctx = new DinerContext("fr-FR");
        using var mount = new FailingMount(new JSException("The payment provider's card fields could not be loaded."));
        ctx.JSInterop.SetupModule("./js/secured-card-fields.js").AddInvocationHandler(mount);

        var form = Render(ctx, "Carte bancaire");

        form.WaitForAssertion(() => Assert.Equal("Les champs de carte du prestataire de paiement n’ont pas pu être chargés\u00a0: rechargez la page.",
            form.Find("[data-testid=bank-card-unavailable]").TextContent));
    }

    [Fact]
    public async Task Frames_that_fail_to_encrypt_the_card_are_said_not_to_answer_and_nothing_is_sent()
    {
        await using var ctx = new DinerContext("fr-FR");
        var frames = MountFrames(ctx);
        frames.Fields.Setup<SecuredFieldsCollected>("collect").SetException(new JSException("The card field could not encrypt its value."));
        var form = Render(ctx, "Carte bancaire");

        var card = await form.InvokeAsync(() => form.Instance.CollectAsync());

        Assert.Null(card);
        Assert.Equal("Les champs de carte du prestataire de paiement n’ont pas répondu. Rien n’a été débité\u00a0: réessayez, ou rechargez la page.",
            form.Find("[data-testid=bank-card-not-answering]").TextContent);
        Assert.Equal("alert", form.Find("[data-testid=bank-card-not-answering]").GetAttribute("role"));
    }

    [Fact]
    public async Task A_press_that_reaches_the_server_before_the_frames_mount_is_answered_waits_for_them_and_sends_the_card()
    {
        await using var ctx = new DinerContext("fr-FR");
        // The browser has mounted the frames and the diner typed and pressed, but the server has not yet read the mount's answer.
        var frames = ctx.JSInterop.SetupModule("frames");
        frames.Setup<SecuredFieldsCollected>("collect").SetResult(new SecuredFieldsCollected(States((null, null, null)), Brand: null, Last4: "0069", Valid: true,
            Encrypted: new EncryptedCardFields("number.jwe", "month.jwe", "year.jwe", "cvc.jwe")));
        using var mount = new PendingMount();
        ctx.JSInterop.SetupModule("./js/secured-card-fields.js").AddInvocationHandler(mount);
        var form = Render(ctx, "Carte Bimpli", voucher: true);

        var pressed = form.InvokeAsync(() => form.Instance.CollectAsync());
        mount.Answer(await ctx.JSInterop.JSRuntime.InvokeAsync<IJSObjectReference>("import", "frames"));
        var card = await pressed;

        Assert.Equal(("number.jwe", "0069"), (card?.EncryptedCardNumber, card?.Last4));
        Assert.Empty(form.FindAll("[data-testid=voucher-card-not-answering]"));
    }

    [Fact]
    public async Task A_voucher_card_asks_for_voucher_frames_titled_with_the_brand_and_disables_them_on_demand()
    {
        await using var ctx = new DinerContext("fr-FR");
        var frames = MountFrames(ctx);
        var form = Render(ctx, "Carte Bimpli", voucher: true);

        var options = System.Text.Json.JsonSerializer.Serialize(frames.Mount.Arguments[2]);
        Assert.Contains("\"kind\":\"voucher\"", options, StringComparison.Ordinal);
        Assert.Contains("Carte Bimpli : Num\\u00E9ro de carte", options, StringComparison.Ordinal);

        form.Render(p => p.Add(c => c.Disabled, true));

        Assert.Equal([false, true], frames.Fields.Invocations["disable"].Select(i => (bool)i.Arguments[0]!));
    }

    /// <summary>The module's <c>mount</c> failing as it does when the provider's script cannot load.</summary>
    private sealed class FailingMount : JSRuntimeInvocationHandlerBase<IJSObjectReference>
    {
        public FailingMount(JSException failure) : base(invocation => invocation.Identifier == "mount", isCatchAllHandler: false) =>
            SetExceptionBase(failure);
    }

    /// <summary>The module's <c>mount</c> answered when the test says: the server reads the browser's answer late.</summary>
    private sealed class PendingMount : JSRuntimeInvocationHandlerBase<IJSObjectReference>
    {
        public PendingMount() : base(invocation => invocation.Identifier == "mount", isCatchAllHandler: false)
        {
        }

        public void Answer(IJSObjectReference frames) => SetResultBase(frames);
    }

    /// <summary>The provider's frames as the form's JS module mounts them: what the form asked, and the frames' controller.</summary>
    private sealed record Frames(BunitJSInterop Module, BunitJSInterop Fields)
    {
        public JSRuntimeInvocation Mount => Module.Invocations["mount"].Single();

        public void Setup<T>(string identifier, T result) => Fields.Setup<T>(identifier).SetResult(result);
    }

    private static Frames MountFrames(DinerContext ctx)
    {
        var module = ctx.JSInterop.SetupModule("./js/secured-card-fields.js");
        var fields = module.SetupModule("mount", _ => true);
        fields.Mode = JSRuntimeMode.Loose;
        return new Frames(module, fields);
    }

    private static IRenderedComponent<CardFields> Render(DinerContext ctx, string legend, Action? edited = null, bool voucher = false)
    {
        ctx.Services.AddOptions<AdyenOptions>().Configure(o => o.BaseAddress = "/sandbox/adyen/checkout/v71");
        var card = voucher ? "voucher" : "bank";
        return ctx.Render<CardFields>(p => p
            .Add(c => c.Form, new CardForm()).Add(c => c.Id, card).Add(c => c.TestId, card + "-card").Add(c => c.Legend, legend)
            .Add(c => c.IsVoucher, voucher).Add(c => c.Edited, () => edited?.Invoke()));
    }

    private static Task Report(IRenderedComponent<CardFields> form, SecuredFieldsState state) =>
        form.InvokeAsync(() => form.Instance.OnFieldsChanged(state));

    /// <summary>Each field's state as the frames report it: its error (null when valid) in number, expiry, CVC order.</summary>
    private static Dictionary<string, SecuredFieldState> States((string? Number, string? Expiry, string? Cvc) errors, int version = 1, bool touched = false) =>
        new()
        {
            [CardForm.Number] = State(errors.Number, version, touched),
            [CardForm.Expiry] = State(errors.Expiry, version, touched),
            [CardForm.Cvc] = State(errors.Cvc, version, touched),
        };

    private static SecuredFieldState State(string? error, int version, bool touched) =>
        new(version, error is null, error, touched && error != "required", error == "required");

    private static string Error(IRenderedComponent<CardFields> form, string field) =>
        form.Find($"[data-testid=bank-card-{field}-error]").TextContent;
}
