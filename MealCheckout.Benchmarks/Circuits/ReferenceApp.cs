using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace MealCheckout.Benchmarks.Circuits;

/// <summary>
/// The circuit benchmark's same-run reference: the smallest interactive Blazor Server page, shaped like
/// the stock template's /counter (a static shell around one interactive component). Written as C#
/// render trees because this project is not a Razor project.
/// </summary>
[Route("/")]
public sealed class ReferenceApp : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" /><base href=\"/\" /><title>Counter</title></head><body>");
        builder.OpenComponent<ReferenceCounter>(1);
        builder.AddComponentRenderMode(RenderMode.InteractiveServer);
        builder.CloseComponent();
        builder.AddMarkupContent(2, "<script src=\"_framework/blazor.web.js\"></script></body></html>");
    }
}

/// <summary>The interactive part: a count and a button, as in the stock template.</summary>
public sealed class ReferenceCounter : ComponentBase
{
    private int count;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "h1");
        builder.AddAttribute(1, "data-interactive", RendererInfo.IsInteractive);
        builder.AddContent(2, "Counter");
        builder.CloseElement();
        builder.OpenElement(3, "p");
        builder.AddAttribute(4, "role", "status");
        builder.AddContent(5, "Current count: ");
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "data-testid", "count");
        builder.AddContent(8, count);
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(9, "button");
        builder.AddAttribute(10, "type", "button");
        builder.AddAttribute(11, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => count++));
        builder.AddAttribute(12, "data-testid", "increment");
        builder.AddContent(13, "Click me");
        builder.CloseElement();
    }
}
