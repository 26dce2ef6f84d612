using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Pieces the Transformer layers share.</summary>
internal static class TransformerBlocks
{
    public static Tensor Activate(Tensor x, TransformerActivation activation) => activation switch
    {
        TransformerActivation.Relu => x.Relu(),
        TransformerActivation.Gelu => x.Gelu(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Transformer: unknown activation."),
    };
}
