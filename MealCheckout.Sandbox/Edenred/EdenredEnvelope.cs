using System.Text.Json;
using System.Text.Json.Nodes;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>An answer of the Direct Payment API: HTTP status and its JSON text, kept so a replay is byte for byte.</summary>
internal sealed record EdenredAnswer(int Status, string Json)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>The document's success envelope; some of its examples carry an empty messages list, others none.</summary>
    public static EdenredAnswer Success(object data, bool withMessages = false)
    {
        var meta = new JsonObject { ["status"] = "succeeded" };
        if (withMessages)
        {
            meta["messages"] = new JsonArray();
        }
        var envelope = new JsonObject { ["meta"] = meta, ["data"] = JsonSerializer.SerializeToNode(data, Options) };
        return new EdenredAnswer(200, envelope.ToJsonString(Options));
    }

    /// <summary>Failure envelope: meta.status "failed" and one message carrying the table's code and text.</summary>
    public static EdenredAnswer Failure(EdenredError error, string? detail = null)
    {
        var message = new JsonObject { ["level"] = "error", ["code"] = error.Code, ["text"] = detail ?? error.Description };
        var envelope = new JsonObject { ["meta"] = new JsonObject { ["status"] = "failed", ["messages"] = new JsonArray(message) } };
        return new EdenredAnswer(error.HttpStatus, envelope.ToJsonString(Options));
    }

    public static EdenredAnswer Failure(string code, string? descriptionContains = null) => Failure(EdenredErrorCatalog.Get(code, descriptionContains));
}
