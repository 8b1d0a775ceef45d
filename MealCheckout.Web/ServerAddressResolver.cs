using MealCheckout.Core.Payments;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MealCheckout.Web;

/// <summary>
/// Resolves provider addresses given as a path ("/sandbox/…") against this app's own listening
/// address, so the built-in sandbox is reached over real HTTP on whatever port the app got.
/// </summary>
public sealed class ServerAddressResolver(IServer server) : IProviderAddressResolver
{
    public Uri Resolve(string configuredBaseAddress)
    {
        // A leading slash is a path on this app (on Unix, Uri would read it as a file:// address).
        if (!configuredBaseAddress.StartsWith('/') && Uri.TryCreate(configuredBaseAddress, UriKind.Absolute, out var absolute))
        {
            return absolute;
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server is not listening yet.");
        var root = listening.Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
        return new Uri(new Uri(root.TrimEnd('/') + "/"), configuredBaseAddress.TrimStart('/'));
    }
}
