using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Demos;

/// <summary>
/// What a demo prints. In text mode each <see cref="Line"/> goes straight to the console; every number the
/// demo shows is also recorded with <see cref="Set(string, double)"/> under a dotted path
/// (<c>"numerical.grad_x"</c>), and in JSON mode only that object is printed, once, at the end.
/// </summary>
internal sealed class DemoReport
{
    private readonly TextWriter _out;

    public DemoReport(TextWriter output, bool json)
    {
        _out = output;
        IsJson = json;
    }

    /// <summary>True when the demo's numbers go out as one JSON object instead of text.</summary>
    public bool IsJson { get; }

    /// <summary>The numbers recorded so far.</summary>
    public JsonObject Data { get; } = new();

    /// <summary>Prints a line of text (text mode only).</summary>
    public void Line(string text = "")
    {
        if (!IsJson)
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>Prints a heading (text mode only).</summary>
    public void Heading(string text)
    {
        Line();
        Line(text);
        Line(new string('-', text.Length));
    }

    /// <summary>Records a number at a dotted path.</summary>
    public void Set(string path, double value) => Put(path, JsonOutput.Number(value));

    /// <summary>Records an integer at a dotted path.</summary>
    public void Set(string path, long value) => Put(path, JsonValue.Create(value));

    /// <summary>Records a flag at a dotted path.</summary>
    public void Set(string path, bool value) => Put(path, JsonValue.Create(value));

    /// <summary>Records a string at a dotted path.</summary>
    public void Set(string path, string value) => Put(path, JsonValue.Create(value));

    /// <summary>Records a vector at a dotted path.</summary>
    public void Set(string path, IReadOnlyList<double> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(JsonOutput.Number(v));
        }

        Put(path, array);
    }

    /// <summary>Appends a number to the array at a dotted path (e.g. a loss per iteration).</summary>
    public void Append(string path, double value) => Append(path, JsonOutput.Number(value));

    /// <summary>Appends an object to the array at a dotted path (e.g. one row of a training log).</summary>
    public void Append(string path, JsonNode? node)
    {
        var (parent, key) = Walk(path);
        if (parent[key] is not JsonArray array)
        {
            array = new JsonArray();
            parent[key] = array;
        }

        array.Add(node);
    }

    /// <summary>Formats a number the way the demos print them: invariant culture, 4 decimals by default.</summary>
    public static string F(double value, int decimals = 4) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Writes the JSON object (JSON mode only).</summary>
    public void Flush()
    {
        if (IsJson)
        {
            JsonOutput.Write(_out, Data);
        }
    }

    private void Put(string path, JsonNode? node)
    {
        var (parent, key) = Walk(path);
        parent[key] = node;
    }

    private (JsonObject Parent, string Key) Walk(string path)
    {
        var parts = path.Split('.');
        var node = Data;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child)
            {
                child = new JsonObject();
                node[parts[i]] = child;
            }

            node = child;
        }

        return (node, parts[^1]);
    }
}
