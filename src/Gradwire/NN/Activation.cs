using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The activation functions the <see cref="Mlp"/> builder knows by name.</summary>
public enum Activation
{
    /// <summary>No activation (a linear output).</summary>
    None,

    /// <summary><see cref="ReLU"/>.</summary>
    ReLU,

    /// <summary><see cref="LeakyReLU"/> with slope 0.01.</summary>
    LeakyReLU,

    /// <summary><see cref="NN.Sigmoid"/>.</summary>
    Sigmoid,

    /// <summary><see cref="NN.Tanh"/>.</summary>
    Tanh,

    /// <summary><see cref="NN.GELU"/>.</summary>
    GELU,

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
        Activation.ReLU => new ReLU(),
        Activation.LeakyReLU => new LeakyReLU(),
        Activation.Sigmoid => new Sigmoid(),
        Activation.Tanh => new Tanh(),
        Activation.GELU => new GELU(),
        Activation.Softmax => new Softmax(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>Parses <c>none|linear|relu|leaky-relu|sigmoid|tanh|gelu|softmax</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known ones).</exception>
    public static Activation Parse(string name) => name.ToLowerInvariant() switch
    {
        "none" or "linear" or "identity" => Activation.None,
        "relu" => Activation.ReLU,
        "leaky-relu" or "leakyrelu" or "lrelu" => Activation.LeakyReLU,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "gelu" => Activation.GELU,
        "softmax" => Activation.Softmax,
        _ => throw new ArgumentException(
            $"Unknown activation '{name}'. Known: none, relu, leaky-relu, sigmoid, tanh, gelu, softmax."),
    };
}
