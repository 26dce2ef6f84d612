namespace Gradwire.NN;

/// <summary>How <see cref="Functional.Pad"/> fills the new border (PyTorch's <c>F.pad</c> modes).</summary>
public enum PadMode
{
    /// <summary>A constant value (default 0).</summary>
    Constant,

    /// <summary>Mirror without repeating the edge: <c>[a b c] → b | a b c | b</c>; each pad must be smaller than the axis.</summary>
    Reflect,

    /// <summary>Repeat the edge element: <c>[a b c] → a | a b c | c</c>.</summary>
    Replicate,

    /// <summary>Wrap around: <c>[a b c] → c | a b c | a</c>; each pad at most the axis size.</summary>
    Circular,
}
