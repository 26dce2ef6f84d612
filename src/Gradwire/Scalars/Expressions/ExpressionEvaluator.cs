namespace Gradwire.Scalars.Expressions;

/// <summary>
/// Evaluates an expression tree over any <see cref="IScalar{TSelf}"/>: doubles, <see cref="Value"/> graphs or
/// <see cref="Dual"/>s. Iterative (an explicit stack), so a long chain like <c>x+x+…+x</c> cannot overflow the stack.
/// </summary>
internal static class ExpressionEvaluator
{
    /// <summary>
    /// The value of <paramref name="root"/> with variables taken from <paramref name="variable"/>. With
    /// <paramref name="checkDomains"/>, an op whose result is not finite although its inputs are throws a
    /// <see cref="ScalarDomainException"/> naming the op, the argument and the domain.
    /// </summary>
    public static T Evaluate<T>(ExpressionNode root, Func<VariableNode, T> variable, bool checkDomains)
        where T : IScalar<T>
    {
        var values = new Stack<T>();
        var work = new Stack<(ExpressionNode Node, bool OperandsDone)>();
        work.Push((root, false));
        while (work.Count > 0)
        {
            var (node, operandsDone) = work.Pop();
            switch (node)
            {
                case NumberNode number:
                    values.Push(T.FromDouble(number.Value));
                    break;
                case VariableNode name:
                    values.Push(variable(name));
                    break;
                case OperationNode operation when !operandsDone:
                    work.Push((operation, true));
                    if (operation.B is not null)
                    {
                        work.Push((operation.B, false));
                    }

                    work.Push((operation.A, false)); // the first operand is built first
                    break;
                case OperationNode operation:
                {
                    var b = operation.B is null ? default : values.Pop();
                    var a = values.Pop();
                    var result = Apply(operation.Op, a, b ?? a, operation.Constant);
                    if (checkDomains)
                    {
                        var error = ScalarRules.DomainError(operation.Op, a.Primal, (b ?? a).Primal, result.Primal, operation.Constant);
                        if (error is not null)
                        {
                            throw new ScalarDomainException(ScalarRules.Name(operation.Op, operation.Constant),
                                $"{error} (column {operation.Column})", operation.Column);
                        }
                    }

                    values.Push(result);
                    break;
                }
            }
        }

        return values.Pop();
    }

    /// <summary>One primitive over <typeparamref name="T"/>.</summary>
    public static T Apply<T>(ScalarOp op, T a, T b, double constant) where T : IScalar<T> => op switch
    {
        ScalarOp.Add => a + b,
        ScalarOp.Sub => a - b,
        ScalarOp.Mul => a * b,
        ScalarOp.Div => a / b,
        ScalarOp.Neg => -a,
        ScalarOp.Sqrt => T.Sqrt(a),
        ScalarOp.Exp => T.Exp(a),
        ScalarOp.Log => T.Log(a),
        ScalarOp.Pow => T.Pow(a, b),
        ScalarOp.PowConst => T.Pow(a, constant),
        ScalarOp.Sin => T.Sin(a),
        ScalarOp.Cos => T.Cos(a),
        ScalarOp.Tan => T.Tan(a),
        ScalarOp.Asin => T.Asin(a),
        ScalarOp.Acos => T.Acos(a),
        ScalarOp.Atan => T.Atan(a),
        ScalarOp.Atan2 => T.Atan2(a, b),
        ScalarOp.Sinh => T.Sinh(a),
        ScalarOp.Cosh => T.Cosh(a),
        ScalarOp.Tanh => T.Tanh(a),
        ScalarOp.Asinh => T.Asinh(a),
        ScalarOp.Acosh => T.Acosh(a),
        ScalarOp.Atanh => T.Atanh(a),
        ScalarOp.Sigmoid => T.Sigmoid(a),
        ScalarOp.Relu => T.Relu(a),
        ScalarOp.Abs => T.Abs(a),
        ScalarOp.Max => T.Max(a, b),
        ScalarOp.Min => T.Min(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "A leaf is not an operation."),
    };

    /// <summary>True when a variable occurs anywhere under <paramref name="root"/>.</summary>
    public static bool HasVariables(ExpressionNode root)
    {
        var work = new Stack<ExpressionNode>();
        work.Push(root);
        while (work.Count > 0)
        {
            switch (work.Pop())
            {
                case VariableNode:
                    return true;
                case OperationNode operation:
                    work.Push(operation.A);
                    if (operation.B is not null)
                    {
                        work.Push(operation.B);
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>The value of a tree without variables.</summary>
    public static double EvaluateConstant(ExpressionNode root) =>
        Evaluate<DoubleScalar>(root, v => throw new InvalidOperationException($"'{v.Name}' is not a constant."), checkDomains: false).Value;
}
