namespace Gradwire.Scalars.Expressions;

/// <summary>An expression that does not parse: the message names the column and what was expected.</summary>
public sealed class ExpressionParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="column">The 1-based column of the offending character.</param>
    /// <param name="problem">What is wrong, e.g. <c>expected ')' but found end of input</c>.</param>
    public ExpressionParseException(int column, string problem)
        : base($"column {column}: {problem}")
    {
        Column = column;
        Problem = problem;
    }

    /// <summary>The 1-based column of the offending character.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the column.</summary>
    public string Problem { get; }
}
