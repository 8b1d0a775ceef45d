using MealCheckout.Core.Checkout;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MealCheckout.Web.Checkout;

/// <summary>
/// Who this diner's page is for the payment limits: an id made for the circuit (this scoped service
/// lives exactly as long as it) and the client's address as the server saw the circuit's connection.
/// The address is read when the connection comes up, the one moment a circuit has an HTTP context.
/// </summary>
public sealed class CircuitPayer(IHttpContextAccessor http) : CircuitHandler
{
    private readonly string circuitKey = Guid.NewGuid().ToString("N");
    private string? clientAddress;

    /// <summary>Without a known address the circuit stands for its client, so the limits still hold per page.</summary>
    public PayerIdentity Identity => new(clientAddress ?? "circuit:" + circuitKey, circuitKey);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            clientAddress = address.ToString();
        }
        return Task.CompletedTask;
    }
}
