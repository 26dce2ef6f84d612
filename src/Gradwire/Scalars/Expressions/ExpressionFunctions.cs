namespace Gradwire.Scalars.Expressions;

/// <summary>The functions of the expression language (DESIGN.md), each a primitive of the rule table.</summary>
internal static class ExpressionFunctions
{
    private static readonly (string Name, ScalarOp Op, int Arity)[] Table =
    [
        ("sqrt", ScalarOp.Sqrt, 1), ("exp", ScalarOp.Exp, 1), ("log", ScalarOp.Log, 1),
        ("sin", ScalarOp.Sin, 1), ("cos", ScalarOp.Cos, 1), ("tan", ScalarOp.Tan, 1),
        ("asin", ScalarOp.Asin, 1), ("acos", ScalarOp.Acos, 1), ("atan", ScalarOp.Atan, 1),
        ("sinh", ScalarOp.Sinh, 1), ("cosh", ScalarOp.Cosh, 1), ("tanh", ScalarOp.Tanh, 1),
        ("asinh", ScalarOp.Asinh, 1), ("acosh", ScalarOp.Acosh, 1), ("atanh", ScalarOp.Atanh, 1),
        ("sigmoid", ScalarOp.Sigmoid, 1), ("relu", ScalarOp.Relu, 1), ("abs", ScalarOp.Abs, 1),
        ("pow", ScalarOp.Pow, 2), ("atan2", ScalarOp.Atan2, 2), ("max", ScalarOp.Max, 2), ("min", ScalarOp.Min, 2),
    ];

    /// <summary>Every function name, in the order DESIGN.md lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, f => f.Name);

    /// <summary>Finds a function by its exact (lower-case) name.</summary>
    public static bool TryFind(string name, out ScalarOp op, out int arity)
    {
        foreach (var entry in Table)
        {
            if (entry.Name == name)
            {
                (op, arity) = (entry.Op, entry.Arity);
                return true;
            }
        }

        (op, arity) = (ScalarOp.Leaf, 0);
        return false;
    }
}
