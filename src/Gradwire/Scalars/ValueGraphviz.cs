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
    /// <remarks>
    /// The inputs of an op whose operand order matters carry it on their edge: <c>a</c>/<c>b</c> for <c>-</c> and
    /// <c>/</c>, <c>base</c>/<c>exp</c> for <c>pow</c>, <c>y</c>/<c>x</c> for <c>atan2(y, x)</c>.
    /// </remarks>
    /// <param name="root">The output of the graph.</param>
    public static string ToDot(Value root) => ToDot(root, node => node.Label ?? "", _ => false, "G6");

    /// <summary>
    /// The DOT text with each node called <paramref name="name"/>(node), the nodes for which
    /// <paramref name="isConstant"/> holds drawn grey and dashed, numbers in <paramref name="numberFormat"/>.
    /// </summary>
    internal static string ToDot(Value root, Func<Value, string> name, Func<Value, bool> isConstant, string numberFormat)
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
        dot.AppendLine("  edge [fontname=\"Helvetica\", fontsize=10];");
        foreach (var node in order)
        {
            var id = ids[node];
            var label = Escape(name(node));
            var data = node.Data.ToString(numberFormat, CultureInfo.InvariantCulture);
            var grad = node.Grad.ToString(numberFormat, CultureInfo.InvariantCulture);
            var style = isConstant(node) ? ", style=\"dashed,filled\", fillcolor=\"#e8e8e8\", color=\"#808080\"" : "";
            dot.Append(CultureInfo.InvariantCulture,
                $"  v{id} [shape=record{style}, label=\"{{ {label} | data {data} | grad {grad} }}\"];\n");
            if (node.IsLeaf)
            {
                continue;
            }

            dot.Append(CultureInfo.InvariantCulture, $"  v{id}_op [shape=ellipse, label=\"{Escape(node.Op)}\"];\n");
            dot.Append(CultureInfo.InvariantCulture, $"  v{id}_op -> v{id};\n");
            var roles = OperandRoles(node.Primitive);
            var children = node.Children;
            for (var c = 0; c < children.Count; c++)
            {
                var edge = roles is null ? "" : $" [label=\"{roles[c]}\"]";
                dot.Append(CultureInfo.InvariantCulture, $"  v{ids[children[c]]} -> v{id}_op{edge};\n");
            }
        }

        dot.AppendLine("}");
        return dot.ToString();
    }

    /// <summary>The names of the operands of an op whose operand order matters; null where it does not.</summary>
    internal static string[]? OperandRoles(ScalarOp op) => op switch
    {
        ScalarOp.Sub or ScalarOp.Div => ["a", "b"],
        ScalarOp.Pow => ["base", "exp"],
        ScalarOp.Atan2 => ["y", "x"],
        _ => null,
    };

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
