namespace Gradwire.Kernels;

/// <summary>One-input element-wise functions the kernels know.</summary>
internal enum UnaryOp
{
    Neg, Sqrt, Exp, Log, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
    Sigmoid, Relu, Abs, Sign, Square, Reciprocal,
    Log1p, Expm1, Erf, Erfc, Erfinv,
}

/// <summary>Two-input element-wise functions the kernels know (comparisons give 1 or 0).</summary>
internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Atan2, Max, Min,
    Eq, Ne, Lt, Le, Gt, Ge,

    /// <summary><c>b &gt; 0 ? a : 0</c>: ReLU's backward, a = gradient from above, b = input.</summary>
    ReluGrad,

    /// <summary><c>a · (1 − b²)</c>: tanh's backward, b = output.</summary>
    TanhGrad,

    /// <summary><c>a · b · (1 − b)</c>: sigmoid's backward, b = output.</summary>
    SigmoidGrad,
}

/// <summary>Op names as users see them in messages.</summary>
internal static class OpNames
{
    public static string Of(UnaryOp op) => op switch
    {
        UnaryOp.Neg => "neg",
        UnaryOp.Sqrt => "sqrt",
        UnaryOp.Exp => "exp",
        UnaryOp.Log => "log",
        UnaryOp.Sin => "sin",
        UnaryOp.Cos => "cos",
        UnaryOp.Tan => "tan",
        UnaryOp.Asin => "asin",
        UnaryOp.Acos => "acos",
        UnaryOp.Atan => "atan",
        UnaryOp.Sinh => "sinh",
        UnaryOp.Cosh => "cosh",
        UnaryOp.Tanh => "tanh",
        UnaryOp.Asinh => "asinh",
        UnaryOp.Acosh => "acosh",
        UnaryOp.Atanh => "atanh",
        UnaryOp.Sigmoid => "sigmoid",
        UnaryOp.Relu => "relu",
        UnaryOp.Abs => "abs",
        UnaryOp.Sign => "sign",
        UnaryOp.Square => "square",
        UnaryOp.Reciprocal => "reciprocal",
        UnaryOp.Log1p => "log1p",
        UnaryOp.Expm1 => "expm1",
        UnaryOp.Erf => "erf",
        UnaryOp.Erfc => "erfc",
        UnaryOp.Erfinv => "erfinv",
        _ => op.ToString().ToLowerInvariant(),
    };

    public static string Of(BinaryOp op) => op switch
    {
        BinaryOp.Add => "add",
        BinaryOp.Sub => "sub",
        BinaryOp.Mul => "mul",
        BinaryOp.Div => "div",
        BinaryOp.Pow => "pow",
        BinaryOp.Atan2 => "atan2",
        BinaryOp.Max => "max",
        BinaryOp.Min => "min",
        _ => op.ToString().ToLowerInvariant(),
    };
}
