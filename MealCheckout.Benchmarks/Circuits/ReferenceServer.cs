using System.Text.Json;
using MealCheckout.Benchmarks.Chaos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Benchmarks.Circuits;

/// <summary>Runs <see cref="ReferenceApp"/> (<c>reference-app --urls …</c>): the circuit benchmark starts it as a child process, like the app.</summary>
public static class ReferenceServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        var app = builder.Build();
        app.UseAntiforgery();
        var script = BlazorScript();
        app.MapGet("/_framework/blazor.web.js", () => Results.File(script, "text/javascript"));
        app.MapRazorComponents<ReferenceApp>().AddInteractiveServerRenderMode();
        await app.RunAsync();
    }

    // The same blazor.web.js the app serves: the framework's copy, found through the app's static web assets manifest.
    private static string BlazorScript()
    {
        var manifest = Path.ChangeExtension(ChaosCommand.BuiltApps().Web, ".staticwebassets.runtime.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("ContentRoots").EnumerateArray()
            .Select(root => Path.Combine(root.GetString()!, "blazor.web.js"))
            .First(File.Exists);
    }
}
