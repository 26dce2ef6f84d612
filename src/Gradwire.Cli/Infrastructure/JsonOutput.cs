using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gradwire.Cli.Infrastructure;

/// <summary>Writes exactly one JSON object on a line, numbers as JSON numbers.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes <paramref name="node"/> on one line.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    /// <summary>A JSON number for <paramref name="value"/>; JSON has no NaN or infinity, so those become null.</summary>
    public static JsonNode? Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>Writes <paramref name="node"/> and a newline.</summary>
    public static void Write(TextWriter writer, JsonNode node) => writer.WriteLine(Serialize(node));
}
