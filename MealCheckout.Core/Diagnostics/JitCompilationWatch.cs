using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Reflection.Emit;

namespace MealCheckout.Core.Diagnostics;

/// <summary>
/// Counts the methods the runtime compiles while it watches, from the runtime's own "MethodLoadVerbose"
/// events, and tells new code from recompilation: a method compiled for the first time (or a method made
/// at run time: a compiled expression, a compiled regex, a serializer's accessors) is code the work itself
/// generates, whereas a method the tiered JIT optimises again because it became hot is the runtime's
/// warm-up. Used by the checkout-cost benchmark and by the tests that bound what a checkout compiles.
/// </summary>
public sealed class JitCompilationWatch : EventListener
{
    private const int MethodLoadVerbose = 143;
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private const long DynamicFlag = 0x1;
    private const int TierShift = 7;
    private const long TierMask = 0x7;
    private const string EndMarker = "JitCompilationWatch_EndMarker";

    // The runtime's optimisation tiers (MethodFlags bits 7-9): first compilations, then what tiering recompiles.
    private static readonly HashSet<long> FirstCompilations = [1 /* MinOptJitted */, 2 /* Optimized */, 3 /* QuickJitted */];

    private readonly ConcurrentQueue<CompiledMethod> compiled = new();
    private readonly ManualResetEventSlim endSeen = new();
    private volatile bool watching;
    private string marker = "";

    /// <summary>Forgets what was counted and starts counting.</summary>
    public void Start()
    {
        compiled.Clear();
        watching = true;
    }

    /// <summary>
    /// Stops counting once every method compiled so far has been reported (the runtime delivers its events
    /// a little later, from another thread), and returns them in the order compiled.
    /// </summary>
    public IReadOnlyList<CompiledMethod> Stop()
    {
        endSeen.Reset();
        marker = $"{EndMarker}_{Guid.NewGuid():N}";
        var end = new DynamicMethod(marker, typeof(int), Type.EmptyTypes);
        var il = end.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ret);
        _ = (int)end.Invoke(null, null)!;
        if (!endSeen.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("The runtime did not report its JIT compilations within 30 seconds: is the runtime's EventPipe disabled?");
        }
        watching = false;
        return [.. compiled];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!watching || e.EventId != MethodLoadVerbose || e.Payload is not { Count: >= 9 } payload)
        {
            return;
        }
        var (type, name) = ($"{payload[6]}", $"{payload[7]}");
        if (name == marker)
        {
            endSeen.Set();
            return;
        }
        var flags = Convert.ToInt64(payload[5], System.Globalization.CultureInfo.InvariantCulture);
        compiled.Enqueue(new CompiledMethod(type, name, $"{payload[8]}",
            Dynamic: (flags & DynamicFlag) != 0, FirstCompilation: FirstCompilations.Contains((flags >> TierShift) & TierMask)));
    }

    public override void Dispose()
    {
        base.Dispose();
        endSeen.Dispose();
    }
}

/// <param name="Dynamic">Made at run time (a compiled expression, a compiled regex, emitted accessors, an interop stub).</param>
/// <param name="FirstCompilation">Compiled for the first time, not a tiered recompilation of code that became hot.</param>
public sealed record CompiledMethod(string Type, string Name, string Signature, bool Dynamic, bool FirstCompilation)
{
    /// <summary>Code made at run time by the work itself; the runtime's interop stubs are made once per signature and do not count.</summary>
    public bool IsGeneratedCode => Dynamic && !Name.StartsWith("IL_STUB", StringComparison.Ordinal);

    public override string ToString() => $"{Type}::{Name} {Signature}";
}
