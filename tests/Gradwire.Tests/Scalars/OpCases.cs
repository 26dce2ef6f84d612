using Gradwire.Scalars;
using Gradwire.Scalars.Expressions;

namespace Gradwire.Tests.Scalars;

/// <summary>One primitive of the rule table with a sampler of points inside its domain (away from kinks).</summary>
public sealed record OpCase(string Name, int Arity, Func<Random, (double A, double B)> Sample, double Constant = 0)
{
    internal ScalarOp Op => Enum.Parse<ScalarOp>(Name.Split(' ')[0]);

    /// <summary>The op over any scalar type (doubles, Values, Duals) through the public operators and functions.</summary>
    public T Apply<T>(T a, T b) where T : IScalar<T> => ExpressionEvaluator.Apply(Op, a, b, Constant);

    public override string ToString() => Name;

    private static double U(Random r, double lo, double hi) => lo + (hi - lo) * r.NextDouble();

    private static double AwayFromZero(Random r, double lo, double hi) => (r.Next(2) == 0 ? -1 : 1) * U(r, lo, hi);

    public static readonly OpCase[] All =
    [
        new("Add", 2, r => (U(r, -5, 5), U(r, -5, 5))),
        new("Sub", 2, r => (U(r, -5, 5), U(r, -5, 5))),
        new("Mul", 2, r => (U(r, -5, 5), U(r, -5, 5))),
        new("Div", 2, r => (U(r, -5, 5), AwayFromZero(r, 0.5, 5))),
        new("Neg", 1, r => (U(r, -5, 5), 0)),
        new("Sqrt", 1, r => (U(r, 0.1, 10), 0)),
        new("Exp", 1, r => (U(r, -5, 5), 0)),
        new("Log", 1, r => (U(r, 0.1, 10), 0)),
        new("Pow", 2, r => (U(r, 0.2, 5), U(r, -3, 3))),
        new("PowConst 2", 1, r => (U(r, -5, 5), 0), 2),
        new("PowConst 3", 1, r => (U(r, -5, 5), 0), 3),
        new("PowConst -1", 1, r => (AwayFromZero(r, 0.3, 5), 0), -1),
        new("PowConst 0.5", 1, r => (U(r, 0.1, 10), 0), 0.5),
        new("PowConst 1.7", 1, r => (U(r, 0.1, 10), 0), 1.7),
        new("PowConst -2.5", 1, r => (U(r, 0.3, 10), 0), -2.5),
        new("Sin", 1, r => (U(r, -5, 5), 0)),
        new("Cos", 1, r => (U(r, -5, 5), 0)),
        new("Tan", 1, r => (U(r, -1.4, 1.4), 0)),
        new("Asin", 1, r => (U(r, -0.95, 0.95), 0)),
        new("Acos", 1, r => (U(r, -0.95, 0.95), 0)),
        new("Atan", 1, r => (U(r, -5, 5), 0)),
        new("Atan2", 2, r => (AwayFromZero(r, 0.1, 5), U(r, -5, 5))), // y away from the branch cut
        new("Sinh", 1, r => (U(r, -3, 3), 0)),
        new("Cosh", 1, r => (U(r, -3, 3), 0)),
        new("Tanh", 1, r => (U(r, -3, 3), 0)),
        new("Asinh", 1, r => (U(r, -50, 50), 0)),
        new("Acosh", 1, r => (U(r, 1.1, 20), 0)),
        new("Atanh", 1, r => (U(r, -0.9, 0.9), 0)),
        new("Sigmoid", 1, r => (U(r, -10, 10), 0)),
        new("Relu", 1, r => (AwayFromZero(r, 0.01, 5), 0)),
        new("Abs", 1, r => (AwayFromZero(r, 0.01, 5), 0)),
        new("Max", 2, r => { var a = U(r, -5, 5); return (a, a + AwayFromZero(r, 0.01, 3)); }),
        new("Min", 2, r => { var a = U(r, -5, 5); return (a, a + AwayFromZero(r, 0.01, 3)); }),
    ];

    public static IEnumerable<object[]> Cases() => All.Select(c => new object[] { c.Name });

    public static OpCase Named(string name) => All.Single(c => c.Name == name);
}
