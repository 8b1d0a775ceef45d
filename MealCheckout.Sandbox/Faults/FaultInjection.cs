using System.Text;
using Microsoft.AspNetCore.Http;

namespace MealCheckout.Sandbox.Faults;

/// <summary>
/// Runs an emulated endpoint under whatever fault is armed for it. Each provider supplies how
/// it spells an error body, so a 5xx from the Edenred emulator looks like Edenred's.
/// </summary>
internal static class FaultInjection
{
    public static async Task<IResult> RunAsync(
        HttpContext http, SandboxFaults faults, FaultTarget target, string? account, int commitTimeoutMilliseconds,
        Func<SandboxFault, IResult> errorFor, Func<Task<IResult>> operation)
    {
        var fault = faults.Take(target, http.Request.Path.Value ?? "", account, http.Request.Method);
        switch (fault?.Kind)
        {
            case null:
                return await operation();
            case FaultKind.Latency:
                await Task.Delay(fault.Value, http.RequestAborted);
                return await operation();
            case FaultKind.Status or FaultKind.ErrorCode:
                return errorFor(fault);
            case FaultKind.MalformedBody:
                return Results.Text("{\"meta\": {\"status\": \"succ", "application/json", Encoding.UTF8, StatusCodes.Status200OK);
            case FaultKind.DropConnection:
                http.Abort();
                return Results.Empty;
            case FaultKind.TimeoutAfterCommit:
                await operation();
                await HoldThenDropAsync(http, fault.Value > 0 ? fault.Value : commitTimeoutMilliseconds);
                return Results.Empty;
            default:
                throw new InvalidOperationException($"Unknown fault {fault.Kind}.");
        }
    }

    /// <summary>The operation happened; the caller waits in vain, then loses the connection.</summary>
    public static async Task HoldThenDropAsync(HttpContext http, int milliseconds)
    {
        try
        {
            await Task.Delay(milliseconds, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up first, which is the point.
        }
        http.Abort();
    }
}
