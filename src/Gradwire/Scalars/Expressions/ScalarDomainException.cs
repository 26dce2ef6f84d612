namespace Gradwire.Scalars.Expressions;

/// <summary>
/// A checked evaluation met an op outside its domain (or a result that overflows), e.g.
/// <c>log: argument -1 is outside its domain (0, ∞)</c>.
/// </summary>
public sealed class ScalarDomainException : ArithmeticException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="op">The op's name, e.g. <c>log</c>.</param>
    /// <param name="message">The full message, naming the op, the argument and the domain.</param>
    /// <param name="column">The 1-based column of the op in the expression.</param>
    public ScalarDomainException(string op, string message, int column)
        : base(message)
    {
        Op = op;
        Column = column;
    }

    /// <summary>The op's name, e.g. <c>log</c>.</summary>
    public string Op { get; }

    /// <summary>The 1-based column of the op in the expression.</summary>
    public int Column { get; }
}
