namespace Gradwire.Scalars;

/// <summary>
/// The primitives of scalar automatic differentiation. Every mode (reverse over doubles, reverse with a
/// differentiable gradient graph, forward with dual numbers) reads the same rule for each primitive from
/// <see cref="ScalarRules"/>; everything else (<c>a - b</c> as a value, <c>x^2</c>, a neuron) is built from these.
/// </summary>
internal enum ScalarOp : byte
{
    /// <summary>An input or a constant: no children.</summary>
    Leaf,
    Add,
    Sub,
    Mul,
    Div,
    Neg,
    Sqrt,
    Exp,
    Log,
    /// <summary><c>a^b</c> with a differentiable exponent.</summary>
    Pow,
    /// <summary><c>a^c</c> with a constant exponent <c>c</c> (stored on the node, not a child).</summary>
    PowConst,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    /// <summary><c>atan2(y, x)</c>: the angle of the point (x, y), in (-π, π].</summary>
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Sigmoid,
    Relu,
    Max,
    Min,
    Abs,
}
