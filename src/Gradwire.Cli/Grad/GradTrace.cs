using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Scalars;

namespace Gradwire.Cli.Grad;

/// <summary>
/// <c>grad --trace</c>: what <c>demo circuit</c> prints for its one expression, for any expression. The forward
/// pass node by node in topological order (node, op, inputs, value, the sub-expression), then every backward
/// step in reverse topological order as "local gradient × gradient from above = contribution, accumulated into
/// the input's gradient".
/// </summary>
/// <remarks>
/// The steps are recomputed from the same rule table <see cref="Value.Backward"/> uses, with the running sums
/// kept here, so a wire used twice (<c>x * x</c>) shows both contributions and the sum they make.
/// </remarks>
internal sealed class GradTrace
{
    private GradTrace(List<ForwardStep> forward, List<BackwardStep> backward)
    {
        Forward = forward;
        Backward = backward;
    }

    /// <summary>One node of the forward pass.</summary>
    public sealed record ForwardStep(string Node, string Op, IReadOnlyList<string> Inputs, double Value, string Expression);

    /// <summary>One contribution of the backward pass: into <see cref="Input"/> from the op that made <see cref="Node"/>.</summary>
    public sealed record BackwardStep(
        string Node, string Op, string Input, string Role, double Local, double Upstream, double Contribution,
        double Before, double After);

    public IReadOnlyList<ForwardStep> Forward { get; }

    public IReadOnlyList<BackwardStep> Backward { get; }

    /// <summary>The trace of the graph <paramref name="names"/> describes, whose output is <paramref name="output"/>.</summary>
    public static GradTrace Of(GraphNames names, Value output)
    {
        var forward = new List<ForwardStep>(names.Order.Count);
        foreach (var node in names.Order)
        {
            var inputs = new List<string>(2);
            foreach (var child in node.Children)
            {
                inputs.Add(names.Id(child));
            }

            var op = node.IsLeaf ? (GraphNames.IsConstant(node) ? "constant" : "input") : node.Op;
            forward.Add(new ForwardStep(names.Id(node), op, inputs, node.Data, names.Expression(node)));
        }

        var running = new Dictionary<Value, double>(ReferenceEqualityComparer.Instance) { [output] = 1 };
        var backward = new List<BackwardStep>();
        for (var i = names.Order.Count - 1; i >= 0; i--)
        {
            var node = names.Order[i];
            if (node.IsLeaf)
            {
                continue;
            }

            var upstream = running.GetValueOrDefault(node);
            var a = node.First!;
            var b = node.Second;
            var (da, db) = ScalarRules.Derivatives(
                node.Primitive, new DoubleScalar(a.Data), new DoubleScalar(b is null ? a.Data : b.Data),
                new DoubleScalar(node.Data), node.Constant);
            var roles = ValueGraphviz.OperandRoles(node.Primitive);
            backward.Add(Step(names, running, node, a, roles?[0] ?? (b is null ? "" : "a"), da.Value, upstream));
            if (b is not null)
            {
                backward.Add(Step(names, running, node, b, roles?[1] ?? "b", db.Value, upstream));
            }
        }

        return new GradTrace(forward, backward);
    }

    private static BackwardStep Step(
        GraphNames names, Dictionary<Value, double> running, Value node, Value input, string role, double local, double upstream)
    {
        var before = running.GetValueOrDefault(input);
        var contribution = local * upstream;
        running[input] = before + contribution;
        return new BackwardStep(names.Id(node), node.Op, names.Id(input), role, local, upstream, contribution, before, before + contribution);
    }

    /// <summary>Prints the two passes as aligned text, numbers through <paramref name="number"/>.</summary>
    public void Print(TextWriter output, Func<double, string> number)
    {
        output.WriteLine("forward pass (topological order: every node after its inputs)");
        var rows = new List<string[]> { Header };
        foreach (var step in Forward)
        {
            rows.Add([step.Node, step.Op, string.Join(", ", step.Inputs), number(step.Value), step.Expression]);
        }

        WriteAligned(output, rows);
        output.WriteLine();
        var final = Forward[^1].Node;
        output.WriteLine($"backward pass (reverse topological order), starting from ∂{final}/∂{final} = 1");
        if (Backward.Count == 0)
        {
            output.WriteLine($"  {final} is an input: nothing to propagate");
        }

        foreach (var step in Backward)
        {
            var wrt = step.Role.Length == 0 ? step.Input : $"{step.Input} ({step.Role})";
            output.WriteLine(
                $"  {step.Node} ({step.Op}) → {wrt}: local gradient {number(step.Local)} × gradient from above {number(step.Upstream)} " +
                $"= {number(step.Contribution)}, accumulated into ∂{final}/∂{step.Input}: {number(step.Before)} + {number(step.Contribution)} = {number(step.After)}");
        }

        output.WriteLine();
    }

    /// <summary>The <c>trace</c> field of <c>--json</c>: <c>{"forward": [...], "backward": [...]}</c>.</summary>
    public JsonObject ToJson()
    {
        var forward = new JsonArray();
        foreach (var step in Forward)
        {
            var inputs = new JsonArray();
            foreach (var input in step.Inputs)
            {
                inputs.Add(input);
            }

            forward.Add(new JsonObject
            {
                ["node"] = step.Node,
                ["op"] = step.Op,
                ["inputs"] = inputs,
                ["value"] = JsonOutput.Number(step.Value),
                ["expression"] = step.Expression,
            });
        }

        var backward = new JsonArray();
        foreach (var step in Backward)
        {
            backward.Add(new JsonObject
            {
                ["node"] = step.Node,
                ["op"] = step.Op,
                ["input"] = step.Input,
                ["role"] = step.Role,
                ["local"] = JsonOutput.Number(step.Local),
                ["upstream"] = JsonOutput.Number(step.Upstream),
                ["contribution"] = JsonOutput.Number(step.Contribution),
                ["accumulated"] = JsonOutput.Number(step.After),
            });
        }

        return new JsonObject { ["forward"] = forward, ["backward"] = backward };
    }

    private static readonly string[] Header = ["node", "op", "inputs", "value", "computes"];

    private static void WriteAligned(TextWriter output, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = new System.Text.StringBuilder("  ");
            for (var c = 0; c < row.Length; c++)
            {
                line.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }
}
