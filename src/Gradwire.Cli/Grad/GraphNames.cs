using System.Globalization;
using Gradwire.Scalars;

namespace Gradwire.Cli.Grad;

/// <summary>
/// Names for the nodes of an expression's <see cref="Value"/> graph: a short id for each (the variable's own
/// name, <c>c1, c2, …</c> for constants, <c>t1, t2, …</c> for intermediate results, in topological order) and the
/// sub-expression it computes, written back from the graph with as few parentheses as the precedence needs.
/// </summary>
internal sealed class GraphNames
{
    private const int Atom = 5, Power = 4, Negation = 3, Product = 2, Sum = 1;
    private readonly Dictionary<Value, string> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Value, (string Text, int Precedence)> _expressions = new(ReferenceEqualityComparer.Instance);

    public GraphNames(IReadOnlyList<Value> order, Value output, Func<double, string> number)
    {
        Order = order;
        var variables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in order)
        {
            if (node.IsLeaf && node.Label is { } label)
            {
                variables.Add(label);
            }
        }

        int constants = 0, intermediates = 0;
        foreach (var node in order)
        {
            if (node.IsLeaf)
            {
                var text = node.Label ?? ConstantText(node.Data, number);
                _expressions[node] = (text, node.Label is null && node.Data < 0 ? Negation : Atom);
                _ids[node] = node.Label ?? Unique("c" + ++constants, variables);
            }
            else
            {
                _expressions[node] = Write(node);
                _ids[node] = ReferenceEquals(node, output) ? Unique("f", variables) : Unique("t" + ++intermediates, variables);
            }
        }
    }

    /// <summary>Every node, children before parents.</summary>
    public IReadOnlyList<Value> Order { get; }

    /// <summary>The node's short id: its variable name, <c>cN</c>, <c>tN</c>, or <c>f</c> for the output.</summary>
    public string Id(Value node) => _ids[node];

    /// <summary>The sub-expression the node computes, e.g. <c>(x + y) * z</c>.</summary>
    public string Expression(Value node) => _expressions[node].Text;

    /// <summary>True for a leaf that is a number of the expression, not a variable.</summary>
    public static bool IsConstant(Value node) => node.IsLeaf && node.Label is null;

    /// <summary><c>π</c> and <c>e</c> by name, other numbers as <paramref name="number"/> prints them.</summary>
    public static string ConstantText(double value, Func<double, string> number) => value switch
    {
        Math.PI => "π",
        -Math.PI => "-π",
        Math.E => "e",
        -Math.E => "-e",
        _ => number(value),
    };

    private static string Unique(string id, HashSet<string> taken)
    {
        while (taken.Contains(id))
        {
            id += "'"; // a variable may be called t1: the intermediate becomes t1'
        }

        return id;
    }

    private (string Text, int Precedence) Write(Value node)
    {
        var a = _expressions[node.First!];
        var b = node.Second is null ? default : _expressions[node.Second];
        switch (node.Primitive)
        {
            case ScalarOp.Add: return ($"{a.Text} + {Wrap(b, Sum + 1)}", Sum);
            case ScalarOp.Sub: return ($"{a.Text} - {Wrap(b, Sum + 1)}", Sum);
            case ScalarOp.Mul: return ($"{Wrap(a, Product)} * {Wrap(b, Product + 1)}", Product);
            case ScalarOp.Div: return ($"{Wrap(a, Product)} / {Wrap(b, Product + 1)}", Product);
            case ScalarOp.Neg: return ($"-{Wrap(a, Power)}", Negation);
            case ScalarOp.PowConst:
                return ($"{Wrap(a, Atom)}^{Wrap((node.Constant.ToString("R", CultureInfo.InvariantCulture), node.Constant < 0 ? Negation : Atom), Power)}", Power);
            case ScalarOp.Pow: return ($"{Wrap(a, Atom)}^{Wrap(b, Power)}", Power);
            default:
                // A function call: its arguments need no parentheses of their own.
                var name = node.Op;
                return (node.Second is null ? $"{name}({a.Text})" : $"{name}({a.Text}, {b.Text})", Atom);
        }
    }

    private static string Wrap((string Text, int Precedence) operand, int needed) =>
        operand.Precedence < needed ? $"({operand.Text})" : operand.Text;
}
