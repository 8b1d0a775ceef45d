using System.Collections.Concurrent;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>How an id_token the emulated SSO issues is wrong.</summary>
public enum IdTokenFault
{
    /// <summary>Issued for another client: its audience is not the app.</summary>
    AnotherAudience,

    /// <summary>Already expired when issued, by the SSO's own clock.</summary>
    Expired,

    /// <summary>Signed with a key the SSO's JWKS does not publish.</summary>
    UnknownSigningKey,
}

/// <summary>
/// Makes the next id_tokens the emulated SSO issues wrong, as a misconfigured SSO or someone
/// standing between the app and Edenred would, so the app's refusal is checked through the real login.
/// </summary>
public sealed class IdTokenFaults
{
    private readonly ConcurrentQueue<IdTokenFault> armed = new();

    /// <summary>The next <paramref name="times"/> id_tokens issued (by code or refresh) carry this fault.</summary>
    public void Arm(IdTokenFault fault, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        for (var i = 0; i < times; i++)
        {
            armed.Enqueue(fault);
        }
    }

    public void Clear() => armed.Clear();

    internal IdTokenFault? Take() => armed.TryDequeue(out var fault) ? fault : null;
}
