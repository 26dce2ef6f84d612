using System.Globalization;
using System.Text;

namespace Gradwire.Scalars;

/// <summary>
/// Draws a <see cref="Value"/> graph in Graphviz's DOT language, like micrograd's <c>draw_dot</c>: a record per
/// value (label, data, grad) and, between a value and its inputs, a small node with the op.
/// </summary>
public static class ValueGraphviz
{
    /// <summary>The DOT text of the graph below <paramref name="root"/> (left to right, inputs first).</summary>
    /// <param name="root">The output of the graph.</param>
    public static string ToDot(Value root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var order = root.TopologicalOrder();
        var ids = new Dictionary<Value, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < order.Count; i++)
        {
            ids[order[i]] = i;
        }

        var dot = new StringBuilder();
        dot.AppendLine("digraph gradwire {");
        dot.AppendLine("  rankdir=LR;");
        dot.AppendLine("  node [fontname=\"Helvetica\"];");
        foreach (var node in order)
        {
            var id = ids[node];
            var label = node.Label ?? "";
            dot.Append(CultureInfo.InvariantCulture,
                $"  v{id} [shape=record, label=\"{{ {Escape(label)} | data {Number(node.Data)} | grad {Number(node.Grad)} }}\"];\n");
            if (node.IsLeaf)
            {
                continue;
            }

            dot.Append(CultureInfo.InvariantCulture, $"  v{id}_op [shape=ellipse, label=\"{Escape(node.Op)}\"];\n");
            dot.Append(CultureInfo.InvariantCulture, $"  v{id}_op -> v{id};\n");
            foreach (var child in node.Children)
            {
                dot.Append(CultureInfo.InvariantCulture, $"  v{ids[child]} -> v{id}_op;\n");
            }
        }

        dot.AppendLine("}");
        return dot.ToString();
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Escapes what DOT record labels treat as syntax.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '{' or '}' or '|' or '<' or '>' or '"' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
