using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Scalars;
using Gradwire.Scalars.Expressions;
using Spectre.Console;

namespace Gradwire.Cli.Grad;

/// <summary>
/// <c>gradwire grad "EXPR" --at x=1.5,y=-2 [--hessian] [--trace] [--digits N] [--json] [--dot FILE]</c>: backprop
/// on the command line. Prints the value and the gradient with respect to every variable (in order of first
/// appearance, then any other variable named in <c>--at</c>, whose gradient is 0); <c>--hessian</c> adds the second
/// derivatives, <c>--trace</c> the forward and backward passes step by step.
/// </summary>
/// <remarks>
/// Exit codes: 0 success; 2 bad input (parse error with its column, unknown function, a variable without a
/// value, malformed <c>--at</c>, an op outside its domain or with an undefined derivative there, a <c>--dot</c>
/// extension <c>dot -T</c> does not know); 1 when rendering fails. Without Graphviz, <c>--dot FILE.svg</c> writes
/// the DOT text to <c>FILE.dot</c> instead, says so on stderr and exits 0.
/// </remarks>
internal static class GradCommand
{
    public static Command Create(CliConsole console)
    {
        var expression = new Argument<string>("expression")
        {
            Description = "The expression, e.g. \"(x+y)*z\". Functions: " + string.Join(" ", Expression.Functions) + ".",
        };
        var at = new Option<string[]>("--at")
        {
            Description = "The point: name=value pairs separated by commas, e.g. x=-2,y=5,z=-4 (may be repeated).",
            HelpName = "NAME=VALUE,...",
        };
        var hessian = new Option<bool>("--hessian") { Description = "Also print the second derivatives." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"value\", \"grad\", \"hessian\", \"trace\"}." };
        var trace = new Option<bool>("--trace")
        {
            Description = "Also print the forward pass node by node and every backward step (local gradient × gradient from above).",
        };
        var digits = new Option<int?>("--digits")
        {
            HelpName = "N",
            Description = "Print numbers with N significant digits (1-17; default: the shortest that round-trips). JSON keeps full precision.",
        };
        var dot = new Option<string?>("--dot")
        {
            HelpName = "FILE",
            Description = "Write the computation graph as Graphviz DOT to FILE (.dot, .gv); any other extension dot -T knows (svg, png, pdf, ...) is rendered with 'dot'.",
        };

        var command = new Command("grad", "Value, gradient (and Hessian) of an expression at a point, by backprop.");
        command.Arguments.Add(expression);
        command.Options.Add(at);
        command.Options.Add(hessian);
        command.Options.Add(trace);
        command.Options.Add(digits);
        command.Options.Add(json);
        command.Options.Add(dot);
        command.SetAction(parse => Run(
            console, parse.GetValue(expression)!, parse.GetValue(at) ?? [],
            new Choices(parse.GetValue(hessian), parse.GetValue(trace), parse.GetValue(digits), parse.GetValue(json), parse.GetValue(dot))));
        return command;
    }

    /// <summary>The options of one run.</summary>
    private sealed record Choices(bool Hessian, bool Trace, int? Digits, bool Json, string? DotFile);

    private static int Run(CliConsole console, string text, string[] at, Choices choices)
    {
        var (withHessian, json, dotFile) = (choices.Hessian, choices.Json, choices.DotFile);
        if (choices.Digits is { } d && d is < 1 or > 17)
        {
            throw new UsageException($"grad: --digits {d}: expected a number of significant digits from 1 to 17");
        }

        Func<double, string> number = choices.Digits is { } n
            ? v => v.ToString("G" + n, CultureInfo.InvariantCulture)
            : v => v.ToString("R", CultureInfo.InvariantCulture);
        var expression = ParseExpression(text);
        var point = ParsePoint(at);
        foreach (var name in expression.Variables)
        {
            if (!point.ContainsKey(name))
            {
                throw new UsageException(
                    $"grad: variable '{name}' has no value; give it one with --at {name}=VALUE " +
                    $"(the expression uses {string.Join(", ", expression.Variables)})");
            }
        }

        var render = dotFile is null ? null : GraphvizRenderer.FormatOf(dotFile);
        var dotTarget = dotFile;
        if (render is not null)
        {
            var known = GraphvizRenderer.KnownFormats();
            if (!known.Contains(render))
            {
                throw new UsageException(
                    $"grad: --dot {dotFile}: Graphviz's dot cannot render '.{render}'.{DidYouMean.Suffix(render, known)} " +
                    $"Use .dot or .gv for DOT text, or one of: {string.Join(", ", known)}");
            }

            if (GraphvizRenderer.FindDot() is null)
            {
                // Still useful without Graphviz: the table as usual, and the DOT text to render elsewhere.
                dotTarget = Path.ChangeExtension(dotFile, ".dot");
                console.Error.WriteLine(
                    $"gradwire: --dot {dotFile}: rendering .{render} needs Graphviz's 'dot', which is not on PATH; " +
                    $"the DOT text is written to {dotTarget} instead (render it with 'dot -T{render} {dotTarget} -o {dotFile}', " +
                    "or install Graphviz, e.g. 'apt-get install graphviz').");
                render = null;
            }
        }

        // Every input is a leaf named after its variable: expression variables first, then other --at names.
        var names = new List<string>(expression.Variables);
        var named = new HashSet<string>(names, StringComparer.Ordinal); // a set: --at may name 70,000 variables
        foreach (var name in point.Keys)
        {
            if (named.Add(name))
            {
                names.Add(name);
            }
        }

        var leaves = new Value[names.Count];
        var bindings = new Dictionary<string, Value>(StringComparer.Ordinal);
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new Value(point[names[i]], names[i]);
            bindings[names[i]] = leaves[i];
        }

        var output = expression.Evaluate(bindings, checkDomains: true); // names the op leaving its domain
        if (!double.IsFinite(output.Data))
        {
            throw new UsageException($"grad: the value of '{expression.Text}' is {output.Data} at this point, not a finite number");
        }

        if (!output.IsLeaf)
        {
            output.Label = "f"; // a bare variable keeps its own name in the drawing
        }

        output.Backward();
        var graph = new GraphNames(output.TopologicalOrder(), output, number);
        var gradient = Array.ConvertAll(leaves, leaf => leaf.Grad);
        if (Array.Exists(gradient, g => !double.IsFinite(g)))
        {
            throw new UsageException(output.FindUndefinedDerivative() is { } why
                ? why
                : "grad: the gradient is not finite at this point");
        }

        double[,]? hessian = null;
        if (withHessian)
        {
            // n² second derivatives: 70,000 variables would be 39 GB, refused with a message instead of an abort.
            MemoryBudget.Check(
                "grad --hessian", $"with {names.Count} variables", (long)names.Count * names.Count, sizeof(double),
                buffers: 2, singleArray: false);
            hessian = Diff.HessianOf(output, leaves);
            CheckFinite(hessian, names);
        }

        if (dotTarget is not null)
        {
            try
            {
                var drawing = ValueGraphviz.ToDot(
                    output, node => DrawingName(graph, node, output), GraphNames.IsConstant, "G" + (choices.Digits ?? 6));
                GraphvizRenderer.Write(dotTarget, drawing, render);
            }
            catch (IOException e) when (render is not null)
            {
                console.Error.WriteLine($"gradwire: {e.Message}");
                return ExitCodes.Failure; // the input was fine; the renderer failed
            }
        }

        var trace = choices.Trace ? GradTrace.Of(graph, output) : null;
        if (json)
        {
            var result = ToJson(output.Data, names, gradient, hessian);
            if (trace is not null)
            {
                result["trace"] = trace.ToJson();
            }

            JsonOutput.Write(console.Out, result);
        }
        else
        {
            trace?.Print(console.Out, number);
            PrintTables(console, text, output.Data, names, gradient, hessian, number);
            if (dotTarget is not null)
            {
                console.Out.WriteLine($"graph written to {dotTarget}");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>What a node is called in the drawing: the output <c>f</c>, a variable its name, the rest their sub-expression.</summary>
    private static string DrawingName(GraphNames graph, Value node, Value output)
    {
        if (ReferenceEquals(node, output) && !node.IsLeaf)
        {
            return "f";
        }

        var text = graph.Expression(node);
        return text.Length <= 40 ? text : text[..39] + "…"; // a record wider than the page helps nobody
    }

    private static Expression ParseExpression(string text)
    {
        try
        {
            return Expression.Parse(text);
        }
        catch (ExpressionParseException e)
        {
            // The message, then the expression with a caret under the column.
            throw new UsageException(
                $"grad: parse error at column {e.Column}: {e.Problem}\n  {text}\n  {new string(' ', Math.Max(0, e.Column - 1))}^");
        }
    }

    /// <summary>Parses <c>x=-2,y=5</c> (possibly over several <c>--at</c> options) into an ordered map.</summary>
    internal static Dictionary<string, double> ParsePoint(string[] at)
    {
        var point = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var option in at)
        {
            foreach (var pair in option.Split(',', StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0 || equals == pair.Length - 1)
                {
                    throw new UsageException($"grad: --at '{pair}' is not NAME=VALUE (e.g. --at x=1.5,y=-2)");
                }

                var name = pair[..equals].Trim();
                var text = pair[(equals + 1)..].Trim();
                if (!IsIdentifier(name))
                {
                    throw new UsageException($"grad: --at '{pair}': '{name}' is not a variable name (letters, digits, _)");
                }

                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new UsageException($"grad: --at '{pair}': '{text}' is not a finite number");
                }

                if (Expression.TryConstant(name, out var constant))
                {
                    throw new UsageException(
                        $"grad: --at '{pair}': '{name}' is the constant {constant.ToString("R", CultureInfo.InvariantCulture)}, not a variable");
                }

                if (!point.TryAdd(name, value))
                {
                    throw new UsageException($"grad: --at gives '{name}' more than one value");
                }
            }
        }

        return point;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static void CheckFinite(double[,] hessian, List<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = 0; j < names.Count; j++)
            {
                if (!double.IsFinite(hessian[i, j]))
                {
                    throw new UsageException(
                        $"grad: the second derivative ∂²f/∂{names[i]}∂{names[j]} is not finite at this point " +
                        "(an op is at the edge of its domain)");
                }
            }
        }
    }

    private static JsonObject ToJson(double value, List<string> names, double[] gradient, double[,]? hessian)
    {
        var grad = new JsonObject();
        for (var i = 0; i < names.Count; i++)
        {
            grad[names[i]] = JsonOutput.Number(gradient[i]);
        }

        var result = new JsonObject { ["value"] = JsonOutput.Number(value), ["grad"] = grad };
        if (hessian is not null)
        {
            var rows = new JsonObject();
            for (var i = 0; i < names.Count; i++)
            {
                var row = new JsonObject();
                for (var j = 0; j < names.Count; j++)
                {
                    row[names[j]] = JsonOutput.Number(hessian[i, j]);
                }

                rows[names[i]] = row;
            }

            result["hessian"] = rows;
        }

        return result;
    }

    private static void PrintTables(
        CliConsole console, string text, double value, List<string> names, double[] gradient, double[,]? hessian,
        Func<double, string> number)
    {
        console.Out.WriteLine($"f = {text}");
        console.Out.WriteLine($"f = {number(value)}");
        console.Out.Flush();
        var table = new Table().Border(TableBorder.Rounded).Title("gradient");
        table.AddColumn(new TableColumn("input"));
        table.AddColumn(new TableColumn("∂f/∂input").RightAligned());
        for (var i = 0; i < names.Count; i++)
        {
            table.AddRow(new Spectre.Console.Text(names[i]), new Spectre.Console.Text(number(gradient[i])));
        }

        console.Ansi.Write(table);
        if (hessian is null)
        {
            return;
        }

        var matrix = new Table().Border(TableBorder.Rounded).Title("hessian ∂²f/∂row∂column");
        matrix.AddColumn(new TableColumn(""));
        foreach (var name in names)
        {
            matrix.AddColumn(new TableColumn(name).RightAligned());
        }

        for (var i = 0; i < names.Count; i++)
        {
            var cells = new List<Spectre.Console.Text> { new(names[i]) };
            for (var j = 0; j < names.Count; j++)
            {
                cells.Add(new Spectre.Console.Text(number(hessian[i, j])));
            }

            matrix.AddRow(cells);
        }

        console.Ansi.Write(matrix);
    }

}
