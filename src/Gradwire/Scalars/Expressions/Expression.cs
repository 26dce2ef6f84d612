namespace Gradwire.Scalars.Expressions;

/// <summary>
/// A parsed expression of <c>gradwire grad</c>'s language (DESIGN.md): numbers, variables, <c>+ - * /</c>,
/// <c>^</c>/<c>**</c> (right-associative, tighter than unary minus), parentheses and the functions
/// <c>sqrt exp log sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh sigmoid relu abs</c>,
/// <c>pow atan2 max min</c>, and the constants <c>pi</c> (π) and <c>e</c> (Euler's number). Evaluate it to a <see cref="Value"/> graph to differentiate it.
/// </summary>
public sealed class Expression
{
    private readonly ExpressionNode _root;

    private Expression(string text, ExpressionNode root)
    {
        Text = text;
        _root = root;
        var variables = new List<string>();
        CollectVariables(root, variables);
        Variables = variables;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The variables, in order of first appearance (left to right).</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The names of the functions the language knows.</summary>
    public static IReadOnlyList<string> Functions => ExpressionFunctions.Names;

    /// <summary>The names of the constants the language knows: <c>pi</c> and <c>e</c>.</summary>
    public static IReadOnlyList<string> Constants { get; } = ["pi", "e"];

    internal ExpressionNode Root => _root;

    /// <summary>The value of the constant <paramref name="name"/> (<c>pi</c> = π, <c>e</c> = Euler's number).</summary>
    internal static bool TryConstant(string name, out double value)
    {
        (var known, value) = name switch
        {
            "pi" => (true, Math.PI),
            "e" => (true, Math.E),
            _ => (false, 0.0),
        };
        return known;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The expression, e.g. <c>(x+y)*z</c>.</param>
    /// <exception cref="ExpressionParseException">The text does not parse; the message names the column and what was expected.</exception>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Expression(text, ExpressionParser.Parse(text));
    }

    /// <summary>
    /// Evaluates the expression with each variable bound to <paramref name="bindings"/>[name]: with
    /// <see cref="Value"/>s this builds the graph to differentiate (a variable used twice is one node, so its
    /// gradient accumulates); with <see cref="Dual"/>s it runs forward mode.
    /// </summary>
    /// <param name="bindings">A value for every variable.</param>
    /// <param name="checkDomains">
    /// Throw a <see cref="ScalarDomainException"/> naming the op and the argument when an op leaves its domain
    /// (<c>log(-1)</c>, <c>acosh(0.5)</c>, division by zero, overflow) instead of producing NaN or ±∞.
    /// </param>
    /// <exception cref="ArgumentException">A variable has no value.</exception>
    public T Evaluate<T>(IReadOnlyDictionary<string, T> bindings, bool checkDomains = false) where T : IScalar<T>
    {
        ArgumentNullException.ThrowIfNull(bindings);
        foreach (var name in Variables)
        {
            if (!bindings.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"no value for variable '{name}' (the expression uses {string.Join(", ", Variables)})", nameof(bindings));
            }
        }

        return ExpressionEvaluator.Evaluate(_root, v => bindings[v.Name], checkDomains);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static void CollectVariables(ExpressionNode root, List<string> variables)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var work = new Stack<ExpressionNode>();
        work.Push(root);
        while (work.Count > 0)
        {
            switch (work.Pop())
            {
                case VariableNode variable when seen.Add(variable.Name):
                    variables.Add(variable.Name);
                    break;
                case OperationNode operation:
                    if (operation.B is not null)
                    {
                        work.Push(operation.B);
                    }

                    work.Push(operation.A); // left first: order of appearance
                    break;
            }
        }
    }
}
