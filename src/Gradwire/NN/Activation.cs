using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The activation functions the <see cref="Mlp"/> builder knows by name.</summary>
public enum Activation
{
    /// <summary>No activation (a linear output).</summary>
    None,

    /// <summary><see cref="Relu"/>.</summary>
    Relu,

    /// <summary><see cref="LeakyRelu"/> with slope 0.01.</summary>
    LeakyRelu,

    /// <summary><see cref="NN.Sigmoid"/>.</summary>
    Sigmoid,

    /// <summary><see cref="NN.Tanh"/>.</summary>
    Tanh,

    /// <summary><see cref="NN.Gelu"/>.</summary>
    Gelu,

    /// <summary><see cref="NN.Softmax"/> over the last axis.</summary>
    Softmax,
}

/// <summary>Turns an <see cref="Activation"/> into its module, and parses names (<c>relu</c>, <c>tanh</c>, ...).</summary>
public static class Activations
{
    /// <summary>The module for <paramref name="activation"/>, or null for <see cref="Activation.None"/>.</summary>
    public static Module<Tensor, Tensor>? Create(Activation activation) => activation switch
    {
        Activation.None => null,
        Activation.Relu => new Relu(),
        Activation.LeakyRelu => new LeakyRelu(),
        Activation.Sigmoid => new Sigmoid(),
        Activation.Tanh => new Tanh(),
        Activation.Gelu => new Gelu(),
        Activation.Softmax => new Softmax(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>Parses <c>none|linear|relu|leaky-relu|sigmoid|tanh|gelu|softmax</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known ones).</exception>
    public static Activation Parse(string name) => name.ToLowerInvariant() switch
    {
        "none" or "linear" or "identity" => Activation.None,
        "relu" => Activation.Relu,
        "leaky-relu" or "leakyrelu" or "lrelu" => Activation.LeakyRelu,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "gelu" => Activation.Gelu,
        "softmax" => Activation.Softmax,
        _ => throw new ArgumentException(
            $"Unknown activation '{name}'. Known: none, relu, leaky-relu, sigmoid, tanh, gelu, softmax."),
    };
}
