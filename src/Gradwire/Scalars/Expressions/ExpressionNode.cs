namespace Gradwire.Scalars.Expressions;

/// <summary>A node of a parsed expression; <see cref="Column"/> (1-based) points into the source for messages.</summary>
internal abstract class ExpressionNode(int column)
{
    public int Column { get; } = column;
}

/// <summary>A numeric literal.</summary>
internal sealed class NumberNode(double value, int column) : ExpressionNode(column)
{
    public double Value { get; } = value;
}

/// <summary>A variable, bound to a value when the expression is evaluated.</summary>
internal sealed class VariableNode(string name, int column) : ExpressionNode(column)
{
    public string Name { get; } = name;
}

/// <summary>One primitive applied to one or two operands (<see cref="B"/> is null for unary ops).</summary>
internal sealed class OperationNode(ScalarOp op, ExpressionNode a, ExpressionNode? b, double constant, int column)
    : ExpressionNode(column)
{
    public ScalarOp Op { get; } = op;

    public ExpressionNode A { get; } = a;

    public ExpressionNode? B { get; } = b;

    /// <summary>The constant exponent of <see cref="ScalarOp.PowConst"/>.</summary>
    public double Constant { get; } = constant;
}
