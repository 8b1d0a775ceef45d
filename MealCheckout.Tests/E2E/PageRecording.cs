using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;

namespace MealCheckout.Tests.E2E;

/// <summary>
/// What one page went through, kept beside the screenshots for when a test fails: its console and
/// errors, every click and form submit it received (a listener in every frame), its requests that
/// failed, and the Blazor circuit's WebSocket traffic (each frame's size and its readable text).
/// Times are UTC, as the app's own log lines are stamped.
/// </summary>
public sealed class PageRecording
{
    // Logs through the console, where the recording reads it: the target of every click and submit, and focus moves.
    private const string InputProbe = """
        (() => {
          const name = e => e instanceof Element
            ? e.tagName.toLowerCase() + (e.dataset?.testid ? `[data-testid=${e.dataset.testid}]` : '') + (e.disabled ? '[disabled]' : '')
            : String(e);
          const where = location.pathname;
          for (const type of ['click', 'submit', 'focusin']) {
            document.addEventListener(type, e => console.debug(`[input] ${type} on ${name(e.target)} in ${where}`), true);
          }
        })();
        """;

    private const int ShownFrameLength = 300;

    private readonly ConcurrentQueue<string> lines = new();

    private PageRecording()
    {
    }

    /// <summary>Starts recording <paramref name="page"/>; call before it navigates, so the first page's traffic is in.</summary>
    public static async Task<PageRecording> StartAsync(IPage page)
    {
        var recording = new PageRecording();
        await page.AddInitScriptAsync(InputProbe);
        page.Console += (_, message) => recording.Add($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => recording.Add($"page error: {error}");
        page.FrameNavigated += (_, frame) => recording.Add($"navigated: {frame.Url}");
        page.RequestFailed += (_, request) => recording.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.WebSocket += (_, socket) =>
        {
            var url = socket.Url;
            recording.Add($"websocket opened: {url}");
            socket.FrameSent += (_, frame) => recording.Add($"ws sent {Describe(frame)}");
            socket.FrameReceived += (_, frame) => recording.Add($"ws received {Describe(frame)}");
            socket.SocketError += (_, error) => recording.Add($"websocket error: {error}");
            socket.Close += (_, _) => recording.Add($"websocket closed: {url}");
        };
        return recording;
    }

    public Task SaveAsync(string folder, string name) =>
        File.WriteAllLinesAsync(Path.Combine(folder, $"{name}-page.log"), lines);

    private void Add(string line) => lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    /// <summary>Blazor's circuit speaks MessagePack: its bytes, with the printable ones shown (method names, ids, event types).</summary>
    private static string Describe(IWebSocketFrame frame)
    {
        var bytes = frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");
        var text = new StringBuilder();
        foreach (var b in bytes.Take(ShownFrameLength))
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }
        return $"{bytes.Length} B: {text}";
    }
}
