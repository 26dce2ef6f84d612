namespace Gradwire.NN;

/// <summary>The feed-forward activation of a Transformer layer (PyTorch's <c>activation="relu"|"gelu"</c>).</summary>
public enum TransformerActivation
{
    /// <summary><c>max(0, x)</c> (PyTorch's default).</summary>
    Relu,

    /// <summary>The exact GELU <c>x·Φ(x)</c>.</summary>
    Gelu,
}
