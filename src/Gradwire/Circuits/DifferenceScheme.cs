namespace Gradwire.Circuits;

/// <summary>How a numerical gradient is estimated.</summary>
public enum DifferenceScheme
{
    /// <summary>The guide's (f(x + h) − f(x)) / h: one extra evaluation per input, error O(h).</summary>
    Forward,

    /// <summary>(f(x + h) − f(x − h)) / 2h: two evaluations per input, error O(h²) (CS231n recommends it).</summary>
    Central,
}
